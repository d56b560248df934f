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

    DbContext IApplicationDbContext.Context => this;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        UtcDateTimes.Apply(builder);
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
            ? SaveDetectingOnce(acceptAllChangesOnSuccess)
            : strategy.Execute(acceptAllChangesOnSuccess, (_, accept) => SaveDetectingOnce(accept), verifySucceeded: null);
    }

    /// <inheritdoc cref="SaveChanges(bool)"/>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var strategy = Database.CreateExecutionStrategy();
        return !strategy.RetriesOnFailure || Database.CurrentTransaction is not null
            ? SaveDetectingOnceAsync(acceptAllChangesOnSuccess, cancellationToken)
            : strategy.ExecuteAsync(acceptAllChangesOnSuccess, (_, accept, ct) => SaveDetectingOnceAsync(accept, ct), verifySucceeded: null, cancellationToken);
    }

    /// <summary>
    /// Detects changes once, before the save interceptors run, and not again during the save. Every interceptor looks
    /// at the tracked entries (<c>ChangeTracker.Entries&lt;T&gt;()</c>), and each look detected changes over every tracked
    /// entity again: a save like an intake's did so twelve times (docs/benchmarks.md, "Allocations per intake, by
    /// source"). What the interceptors themselves change needs no further detection, and so they must keep to this:
    /// they add entities (<c>Add</c>), set values through the entry (<c>entry.Property(...).CurrentValue</c>, which marks
    /// the property modified at once), or detach; none sets a property of an already saved entity directly.
    /// </summary>
    private int SaveDetectingOnce(bool acceptAllChangesOnSuccess)
    {
        var tracker = ChangeTracker;
        if (!tracker.AutoDetectChangesEnabled)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        tracker.DetectChanges();
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = true;
        }
    }

    /// <inheritdoc cref="SaveDetectingOnce(bool)"/>
    private async Task<int> SaveDetectingOnceAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var tracker = ChangeTracker;
        if (!tracker.AutoDetectChangesEnabled)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        tracker.DetectChanges();
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = true;
        }
    }
}
