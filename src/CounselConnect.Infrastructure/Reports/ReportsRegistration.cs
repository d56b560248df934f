using CounselConnect.Application.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.Infrastructure.Reports;

public static class ReportsRegistration
{
    /// <summary>Report settings (<c>Reports:SuppressionThreshold</c>, default 5) and the report builder.</summary>
    public static IServiceCollection AddCounselConnectReports(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ReportOptions.Section).Get<ReportOptions>() ?? new ReportOptions();
        if (options.SuppressionThreshold < 1)
        {
            throw new InvalidOperationException("Reports:SuppressionThreshold must be 1 or more.");
        }

        services.AddSingleton(options);
        services.AddScoped<ReportBuilder>();
        return services;
    }
}
