using CounselConnect.Infrastructure.Persistence;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CounselConnect.Infrastructure.Jobs;

internal static class HangfireRegistration
{
    /// <summary>
    /// Hangfire storage follows the database provider: SQL Server and PostgreSQL keep jobs in the same database
    /// (so several servers share them); the embedded SQLite default keeps them in memory, which is safe because
    /// our own tables, not Hangfire's, say what must happen (see docs/adr/0005-hangfire-and-its-licence.md).
    /// </summary>
    public static IServiceCollection AddCounselConnectHangfire(
        this IServiceCollection services, DatabaseProvider provider, string connectionString, HangfireOptions options)
    {
        // The storage is a DI singleton rather than Hangfire's global JobStorage.Current, so that several hosts in
        // one process (integration tests) never share or swap each other's job storage.
        services.AddSingleton<JobStorage>(_ => provider switch
        {
            DatabaseProvider.PostgreSql => new PostgreSqlStorage(
                new NpgsqlConnectionFactory(connectionString, PostgreSqlOptions(options)), PostgreSqlOptions(options)),
            DatabaseProvider.SqlServer => new SqlServerStorage(connectionString, new SqlServerStorageOptions
            {
                SchemaName = options.Schema,
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = options.QueuePollInterval,
            }),
            _ => new InMemoryStorage(new InMemoryStorageOptions()),
        });
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>())));

        if (options.ServerEnabled)
        {
            services.AddHangfireServer((sp, o) =>
            {
                // This host's container activates this host's jobs. Left unset, the server may fall back to the
                // process-wide JobActivator.Current, which the last host to start overwrites: with several hosts in
                // one process (integration tests) one host's import job then ran in another host's container,
                // found nothing in that database and never finished.
                o.Activator = new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>());
                o.WorkerCount = options.WorkerCount;
                o.SchedulePollingInterval = options.SchedulePollingInterval;
            });
        }

        return services;
    }

    private static PostgreSqlStorageOptions PostgreSqlOptions(HangfireOptions options) => new()
    {
        SchemaName = options.Schema,
        PrepareSchemaIfNecessary = true,
        QueuePollInterval = options.QueuePollInterval,
    };
}
