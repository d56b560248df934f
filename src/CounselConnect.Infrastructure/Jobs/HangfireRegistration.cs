using CounselConnect.Infrastructure.Persistence;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using Microsoft.Extensions.DependencyInjection;

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
        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            switch (provider)
            {
                case DatabaseProvider.PostgreSql:
                    config.UsePostgreSqlStorage(
                        o => o.UseNpgsqlConnection(connectionString),
                        new PostgreSqlStorageOptions { SchemaName = options.Schema, PrepareSchemaIfNecessary = true, QueuePollInterval = options.QueuePollInterval });
                    break;
                case DatabaseProvider.SqlServer:
                    config.UseSqlServerStorage(connectionString, new SqlServerStorageOptions
                    {
                        SchemaName = options.Schema,
                        PrepareSchemaIfNecessary = true,
                        QueuePollInterval = options.QueuePollInterval,
                    });
                    break;
                default:
                    config.UseInMemoryStorage();
                    break;
            }
        });

        if (options.ServerEnabled)
        {
            services.AddHangfireServer(o => o.WorkerCount = options.WorkerCount);
        }

        return services;
    }
}
