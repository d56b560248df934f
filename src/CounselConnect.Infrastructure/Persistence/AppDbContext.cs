using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Infrastructure.Persistence;

/// <summary>The one database context: domain tables, Identity, OpenIddict and the data-protection key ring.</summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<ApplicationUser, IdentityRole<Guid>, Guid>(options), IApplicationDbContext, IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    /// <summary>
    /// A save may open its own transaction, and a retrying execution strategy (PostgreSQL, SQL Server; ADR 0012) refuses
    /// transactions it does not run itself. So a save that is not already inside a caller's transaction runs as one
    /// retriable unit of the strategy: on a transient fault the whole save is tried again.
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var strategy = Database.CreateExecutionStrategy();
        return !strategy.RetriesOnFailure || Database.CurrentTransaction is not null
            ? base.SaveChanges(acceptAllChangesOnSuccess)
            : strategy.Execute(acceptAllChangesOnSuccess, (_, accept) => base.SaveChanges(accept), verifySucceeded: null);
    }

    /// <inheritdoc cref="SaveChanges(bool)"/>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var strategy = Database.CreateExecutionStrategy();
        return !strategy.RetriesOnFailure || Database.CurrentTransaction is not null
            ? base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken)
            : strategy.ExecuteAsync(acceptAllChangesOnSuccess, (_, accept, ct) => base.SaveChangesAsync(accept, ct), verifySucceeded: null, cancellationToken);
    }
}
