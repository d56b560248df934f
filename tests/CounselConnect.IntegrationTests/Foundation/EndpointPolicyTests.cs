using CounselConnect.IntegrationTests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Foundation;

/// <summary>Every endpoint of the running app names an authorization policy or says it is anonymous.</summary>
public sealed class EndpointPolicyTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [Fact]
    public void Every_endpoint_has_an_explicit_policy_or_is_explicitly_anonymous()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.True(endpoints.Count > 10, "The endpoint list looks empty.");
        var unguarded = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Where(e => !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy)))
            .Select(e => e.RoutePattern.RawText)
            .ToList();
        Assert.True(unguarded.Count == 0, "Endpoints without a named policy: " + string.Join(", ", unguarded));
    }

    [Fact]
    public void Api_endpoints_are_never_anonymous()
    {
        var anonymousApi = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.RoutePattern.RawText)
            .ToList();
        Assert.Empty(anonymousApi);
    }
}
