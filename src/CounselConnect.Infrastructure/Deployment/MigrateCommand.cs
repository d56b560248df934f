using CounselConnect.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CounselConnect.Infrastructure.Deployment;

/// <summary>
/// <c>CounselConnect.Web migrate</c>: applies pending migrations and seeds (first administrator, clients), then
/// exits without serving. A deployment's migration job runs it once before the new version's nodes start, and
/// the nodes run with <c>Database:MigrateOnStartup=false</c> so that they never race each other on the schema.
/// </summary>
public static class MigrateCommand
{
    public const string Verb = "migrate";

    /// <summary>True when the command line asks for the migration mode.</summary>
    public static bool IsRequested(IReadOnlyList<string> args) =>
        args.Count > 0 && string.Equals(args[0], Verb, StringComparison.OrdinalIgnoreCase);

    /// <summary>Migrates (whatever <c>Database:MigrateOnStartup</c> says) and seeds; returns the process exit code.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var configured = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigrateCommand).FullName!);
        var options = Options.Create(new DatabaseOptions { Provider = configured.Provider, MigrateOnStartup = true });
        var initializer = new DatabaseInitializer(services, options, services.GetRequiredService<ILogger<DatabaseInitializer>>());
        await initializer.StartAsync(cancellationToken);
        logger.LogInformation("Database migrated and seeded ({Provider}); exiting", configured.Provider);
        return 0;
    }
}
