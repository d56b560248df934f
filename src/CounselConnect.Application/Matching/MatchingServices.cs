using CounselConnect.Application.Assignments;
using CounselConnect.Application.Matching.Proposals;
using CounselConnect.Application.Opportunities;
using CounselConnect.Application.Representatives;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.Application.Matching;

public static class MatchingServices
{
    /// <summary>Registers the services of representative profiles, opportunities, assignments and matching.</summary>
    public static IServiceCollection AddMatching(this IServiceCollection services)
    {
        services.AddScoped<RepresentativeAccess>();
        services.AddScoped<OpportunityAccess>();
        services.AddScoped<AssignmentService>();
        services.AddSingleton<RepresentativeFactsCache>();
        services.AddScoped<MatchingData>();
        services.AddScoped<PlacementPlanner>();
        return services;
    }
}
