using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the application layer's validators. The mediator itself is registered by the host.
    /// Validators are singletons: building one compiles every rule's property expression into a dynamic method, and a
    /// validator built per request made those methods (and their finalizers) a large share of a request's CPU
    /// (docs/benchmarks.md, "Where a request's CPU goes"). So a validator must hold no per-request state and depend
    /// only on singletons (today: <see cref="TimeProvider"/>).
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssemblyContaining<ApplicationAssemblyMarker>(ServiceLifetime.Singleton, includeInternalTypes: true);
        return services;
    }
}
