using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Conflicts;
using CounselConnect.Application.Intake;
using CounselConnect.Infrastructure.Auditing;
using CounselConnect.Infrastructure.Identity;
using CounselConnect.Infrastructure.Jobs;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Resilience;
using CounselConnect.Infrastructure.Security;
using CounselConnect.Infrastructure.Reports;
using CounselConnect.Infrastructure.Seeding;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Database (provider by configuration), Identity stores, data-protection key ring, health checks, Hangfire.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var databaseSection = configuration.GetSection(DatabaseOptions.Section);
        services.Configure<DatabaseOptions>(databaseSection);
        var database = databaseSection.Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Default is not set. Set it (environment variable ConnectionStrings__Default) to the " +
                $"{database.Provider} connection string.");
        }

        // First hosted service: migrate and seed before anything (data protection, Hangfire) touches the database.
        services.AddHostedService<DatabaseInitializer>();
        services.AddSingleton<PartyChangeInterceptor>();
        services.Configure<EncryptionOptions>(configuration.GetSection(EncryptionOptions.Section));
        services.AddSingleton<KeyRing>();
        services.AddSingleton<IKeyRingPreloader>(sp => sp.GetRequiredService<KeyRing>());
        services.AddSingleton<ProtectedData>();
        services.AddSingleton<AuditChain>();
        services.AddSingleton<AuditChainInterceptor>();
        services.AddSingleton<AuditGroupCommit>();
        services.Configure<AuditChainOptions>(configuration.GetSection(AuditChainOptions.Section));
        services.AddSingleton<AuditChainSignal>();
        services.AddSingleton<AuditChainer>();
        services.AddScoped<Application.Auditing.IAuditChainVerifier, AuditChainVerifier>();
        services.AddScoped<DataKeyShredder>();
        services.AddScoped<Application.Administration.Keys.IKeyRotation, KeyRotationService>();
        services.Configure<Application.Administration.Retention.RetentionOptions>(configuration.GetSection(Application.Administration.Retention.RetentionOptions.Section));
        services.Configure<Application.Intake.ListIntakes.IntakeListOptions>(configuration.GetSection(Application.Intake.ListIntakes.IntakeListOptions.Section));
        services.AddScoped<Application.Administration.Retention.IRetentionPurge, RetentionPurge>();
        // Pooled contexts on options built once: every interceptor and setting the options take is a singleton, and
        // building them per scope parsed the connection string and made EF Core look its internal service provider up
        // again, and a new context per scope set itself up again (docs/benchmarks.md, "Pipeline overhead, third pass").
        // A pooled context must hold no state of its own between scopes: AppDbContext takes only its options, and
        // EF Core resets the change tracker's settings when a context goes back to the pool.
        services.AddDbContextPool<AppDbContext>((sp, o) => o.UseCounselConnectDatabase(database.Provider, connectionString)
            .UseCounselConnectRetries(database.Provider, sp)
            .ConfigureWarnings(w =>
            {
                if (database.StrictQueries)
                {
                    w.Throw(CoreEventId.RowLimitingOperationWithoutOrderByWarning);
                }
            })
            .AddInterceptors(sp.GetRequiredService<PartyChangeInterceptor>(), sp.GetRequiredService<ProtectedData>(),
                sp.GetRequiredService<AuditChainInterceptor>()));
        services.AddScoped<IApplicationDbContext>(sp => sp.GetRequiredService<AppDbContext>());

        services.AddIdentity<ApplicationUser, IdentityRole<Guid>>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = true;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                o.ClaimsIdentity.UserNameClaimType = OpenIddict.Abstractions.OpenIddictConstants.Claims.Name;
                o.ClaimsIdentity.UserIdClaimType = OpenIddict.Abstractions.OpenIddictConstants.Claims.Subject;
                o.ClaimsIdentity.RoleClaimType = OpenIddict.Abstractions.OpenIddictConstants.Claims.Role;
                o.ClaimsIdentity.EmailClaimType = OpenIddict.Abstractions.OpenIddictConstants.Claims.Email;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<CounselConnectClaimsFactory>();

        services.AddDataProtection()
            .SetApplicationName("CounselConnect")
            .PersistKeysToDbContext<AppDbContext>();

        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<AppDbContext>());

        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);
        services.AddCounselConnectDatabaseResilience(configuration);

        services.AddSingleton(TimeProvider.System);
        services.AddScoped<IAuditTrail, AuditTrail>();
        services.AddScoped<IJobScheduler, HangfireJobScheduler>();
        services.AddScoped<IUserAdministration, UserAdministration>();
        services.AddSingleton<ConflictIndexCache>();
        services.AddScoped<IPartyChangeFeed, Matching.PartyChangeFeed>();
        services.AddScoped<Application.Imports.IPartyBulkWriter>(sp => Imports.PartyBulkWriter.Create(database.Provider, sp));
        services.AddScoped<Application.Imports.IImportFileStore, Imports.ImportFileStore>();
        services.AddHostedService<ClearNotesSealer>();
        services.AddHostedService<DeadlineIndexBackfill>();
        services.AddScoped<ConflictScreening>();
        services.AddScoped<IntakeAccess>();
        Application.Matching.MatchingServices.AddMatching(services);
        Matching.MatchingJobsRegistration.AddCounselConnectMatchingJobs(services);
        services.AddCounselConnectReports(configuration);
        services.AddHostedService<ConflictIndexWarmup>();
        services.AddHostedService<RecurringJobsRegistration>();
        services.AddHostedService<AuditChainerService>();
        Reminders.ReminderRegistration.AddCounselConnectReminders(services, configuration);

        services.Configure<SeedOptions>(configuration.GetSection(SeedOptions.Section));
        services.AddScoped<Seeder>();

        var hangfire = configuration.GetSection(HangfireOptions.Section).Get<HangfireOptions>() ?? new HangfireOptions();
        services.AddCounselConnectHangfire(database.Provider, connectionString, hangfire);
        return services;
    }
}
