using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.Application;

public static class DependencyInjection
{
    /// <summary>Registers the application layer's validators. The mediator itself is registered by the host.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssemblyContaining<ApplicationAssemblyMarker>(includeInternalTypes: true);
        return services;
    }
}
