using System.Net.Sockets;
using CounselConnect.Infrastructure.Persistence;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CounselConnect.Infrastructure.Resilience;

/// <summary>Settings under <c>Database:Resilience</c>: how hard to retry a transient fault, and what to tell clients meanwhile.</summary>
public sealed class DatabaseResilienceOptions
{
    public const string Section = "Database:Resilience";

    /// <summary>Retries of one database operation after a transient fault (PostgreSQL and SQL Server; 0 turns retries off).</summary>
    public int MaxRetryCount { get; set; } = 3;

    /// <summary>Longest pause between two retries. Small on purpose: a request waits at most about
    /// <c>MaxRetryCount × MaxRetryDelay</c> before it is answered 503, rather than holding a thread for half a minute.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Seconds sent in <c>Retry-After</c> with a 503 while the database cannot be reached.</summary>
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>Longest time the readiness check waits for the database before it reports unhealthy.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(3);
}

/// <summary>
/// Transient-fault handling for the database: EF Core's retrying execution strategy on PostgreSQL and SQL Server
/// (SQLite is a local file: nothing to retry), a bounded readiness check, and the one test of "the database is
/// unavailable" that the web layer turns into 503.
/// <para>
/// A retrying strategy refuses user-initiated transactions (<c>BeginTransaction</c>) unless they run inside
/// <c>Database.CreateExecutionStrategy().ExecuteAsync(...)</c>. <c>AppDbContext.SaveChanges</c> runs every save as
/// one unit of the strategy (the audit chain opens a transaction inside it), the retention purge runs its
/// transaction inside the strategy, and OpenIddict's stores wrap theirs. Code that adds a transaction must do the same.
/// </para>
/// </summary>
public static class DatabaseResilience
{
    /// <summary>Binds <see cref="DatabaseResilienceOptions"/> and bounds the readiness check's database probe.</summary>
    public static IServiceCollection AddCounselConnectDatabaseResilience(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(DatabaseResilienceOptions.Section);
        services.Configure<DatabaseResilienceOptions>(section);
        var options = section.Get<DatabaseResilienceOptions>() ?? new DatabaseResilienceOptions();
        services.Configure<HealthCheckServiceOptions>(o =>
        {
            foreach (var registration in o.Registrations.Where(r => r.Tags.Contains("ready")))
            {
                registration.Timeout = options.HealthCheckTimeout;
            }
        });
        return services;
    }

    /// <summary>Turns on EF Core's retrying execution strategy for PostgreSQL and SQL Server (settings bound once, from DI).</summary>
    public static DbContextOptionsBuilder UseCounselConnectRetries(
        this DbContextOptionsBuilder builder, DatabaseProvider provider, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<DatabaseResilienceOptions>>().Value;
        if (options.MaxRetryCount <= 0)
        {
            return builder;
        }

        switch (provider)
        {
            case DatabaseProvider.PostgreSql:
                new Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder(builder)
                    .EnableRetryOnFailure(options.MaxRetryCount, options.MaxRetryDelay, errorCodesToAdd: null);
                break;
            case DatabaseProvider.SqlServer:
                new SqlServerDbContextOptionsBuilder(builder)
                    .EnableRetryOnFailure(options.MaxRetryCount, options.MaxRetryDelay, errorNumbersToAdd: null);
                break;
            default:
                break;
        }

        return builder;
    }

    /// <summary>
    /// True when <paramref name="exception"/> (or one it wraps) says the database cannot be reached or is briefly
    /// overloaded: retries exhausted, a transient provider error, a refused or broken connection, a timeout.
    /// Errors of the request itself (a constraint broken, bad SQL) are not transient and stay false.
    /// </summary>
    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case RetryLimitExceededException:
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                case TimeoutException:
                    return true;
                case SqlException sql when IsTransient(sql):
                    return true;
                default:
                    break;
            }
        }

        return false;
    }

    private static bool IsTransient(SqlException exception)
    {
#pragma warning disable EF1001 // EF Core's own list of SQL Server's transient error numbers, kept up to date by the EF team.
        return Microsoft.EntityFrameworkCore.SqlServer.Storage.Internal.SqlServerTransientExceptionDetector.ShouldRetryOn(exception);
#pragma warning restore EF1001
    }
}
