using CounselConnect.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CounselConnect.Infrastructure.Persistence;

/// <summary>
/// Runs once at start-up, before the other hosted services (Hangfire's server among them): applies pending
/// migrations when <c>Database:MigrateOnStartup</c> is on, then seeds.
/// </summary>
public sealed class DatabaseInitializer(IServiceProvider services, IOptions<DatabaseOptions> options, ILogger<DatabaseInitializer> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (options.Value.MigrateOnStartup)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} database migrations ({Provider})", pending.Count, options.Value.Provider);
                await db.Database.MigrateAsync(cancellationToken);
            }
        }

        // The hashing secrets (KeyMaterial) before anything writes an audit entry or a blind index; fails the start
        // when the database names a master key this server does not have.
        await scope.ServiceProvider.GetRequiredService<Security.KeyRing>().InitializeAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<Seeder>().SeedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
