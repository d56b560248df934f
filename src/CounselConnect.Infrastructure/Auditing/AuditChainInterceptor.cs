using CounselConnect.Domain.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CounselConnect.Infrastructure.Auditing;

/// <summary>
/// Keeps audit entries append-only: a saved entry cannot be deleted, and the only change allowed to it is the
/// chainer's one-time linking (position, previous hash and hash of an entry still at position 0). New entries are
/// inserted unchained with the request's other changes, without a lock or a read of the chain, so writers of one
/// organisation no longer wait for each other; after a save that added entries the <see cref="AuditChainer"/> is
/// told to link them soon (ADR 0015). A save that holds nothing but new audit entries, outside a transaction (an
/// audited read), is handed to <see cref="AuditGroupCommit"/> and stored with the entries of other requests waiting at
/// the same moment; the save returns once they are committed.
/// </summary>
public sealed class AuditChainInterceptor(AuditChainSignal signal, AuditGroupCommit group) : SaveChangesInterceptor
{
    private static readonly HashSet<string> LinkProperties =
        [nameof(AuditEntry.Sequence), nameof(AuditEntry.PreviousHash), nameof(AuditEntry.Hash)];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        if (!result.HasResult && OnlyNewAuditEntries(eventData.Context) is { } entries)
        {
            foreach (var entry in entries)
            {
                eventData.Context!.Entry(entry).State = EntityState.Detached;
            }

            await group.WriteAsync(entries);
            return InterceptionResult<int>.SuppressWithResult(entries.Count);
        }

        return result;
    }

    /// <summary>
    /// The new audit entries of a save that changes nothing else and runs outside a transaction; otherwise null. The
    /// save detected changes once before the interceptors ran (<c>AppDbContext.SaveDetectingOnce</c>), so the tracked
    /// entries' states are current, and looking at them detects nothing again.
    /// </summary>
    private static List<AuditEntry>? OnlyNewAuditEntries(DbContext? context)
    {
        if (context is null || context.Database.CurrentTransaction is not null)
        {
            return null;
        }

        List<AuditEntry>? entries = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry is { State: EntityState.Added, Entity: AuditEntry audit })
            {
                (entries ??= []).Add(audit);
            }
            else if (entry.State != EntityState.Unchanged)
            {
                return null;
            }
        }

        return entries;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Nudge(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Nudge(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // The save detected changes once before the interceptors ran (AppDbContext.SaveDetectingOnce): a changed or
        // deleted entry shows as such here.
        foreach (var entry in context.ChangeTracker.Entries<AuditEntry>())
        {
            if (entry.State == EntityState.Deleted || (entry.State == EntityState.Modified && !IsLinking(entry)))
            {
                throw new InvalidOperationException("Audit entries are append-only: they cannot be changed or deleted.");
            }
        }
    }

    /// <summary>The chainer placing an unchained entry: only the link fields change, from position 0 to a position.</summary>
    private static bool IsLinking(EntityEntry<AuditEntry> entry) =>
        entry.Property(e => e.Sequence).OriginalValue == 0
        && entry.Entity.Sequence > 0
        && entry.Properties.Where(p => p.IsModified).All(p => LinkProperties.Contains(p.Metadata.Name));

    private void Nudge(DbContext? context)
    {
        // Entries just added are now Unchanged and still unchained; entries the chainer linked carry a position. This
        // runs inside the save, which detects nothing again (AppDbContext.SaveDetectingOnce).
        if (context?.ChangeTracker.Entries<AuditEntry>().Any(e => e.Entity.Sequence == 0) == true)
        {
            signal.Nudge();
        }
    }
}
