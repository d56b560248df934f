using CounselConnect.Application.Outcomes;
using CounselConnect.Application.Reports;
using CounselConnect.Application.Reports.ReportSettings;
using CounselConnect.Infrastructure.Outcomes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.Infrastructure.Reports;

public static class ReportsRegistration
{
    /// <summary>
    /// Report settings (<c>Reports:SuppressionThreshold</c>, default 5, overridden per organisation), the report builder,
    /// and the organisation-user lookup that closing a case uses.
    /// </summary>
    public static IServiceCollection AddCounselConnectReports(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ReportOptions.Section).Get<ReportOptions>() ?? new ReportOptions();
        if (options.SuppressionThreshold < 1)
        {
            throw new InvalidOperationException("Reports:SuppressionThreshold must be 1 or more.");
        }

        services.AddSingleton(options);
        services.AddScoped<ReportBuilder>();
        services.AddScoped<ReportThresholds>();
        services.AddScoped<IOrganisationUsers, OrganisationUsers>();
        return services;
    }
}
