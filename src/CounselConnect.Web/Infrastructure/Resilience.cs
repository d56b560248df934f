namespace CounselConnect.Web.Infrastructure;

/// <summary>Web side of database resilience: 503 with Retry-After instead of 500 while the database is away.</summary>
public static class Resilience
{
    /// <summary>Call before any other <c>AddExceptionHandler</c>: exception handlers run in registration order.</summary>
    public static IServiceCollection AddCounselConnectResilience(this IServiceCollection services)
    {
        services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        return services;
    }
}
