using System.Runtime.CompilerServices;
using CounselConnect.Domain.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace CounselConnect.Infrastructure.Auditing;

/// <summary>
/// Links new audit entries into their organisation's chain as they are saved, and refuses to update or delete
/// saved entries. Several servers may write to one chain at once, so linking is serialised per chain by the
/// database: the save runs in a transaction that first takes a lock on the chain (an advisory lock on PostgreSQL,
/// an application lock on SQL Server; SQLite's write transaction already excludes every other writer), then reads
/// the chain's last link, then inserts. A unique index on (organisation, sequence) backs this up.
/// </summary>
public sealed class AuditChainInterceptor(AuditChain chain) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, IDbContextTransaction> _ownTransactions = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        SavingChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } context)
        {
            return result;
        }

        var entries = context.ChangeTracker.Entries<AuditEntry>().ToList();
        if (entries.Exists(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit entries are append-only: they cannot be changed or deleted.");
        }

        var added = entries.Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count == 0)
        {
            return result;
        }

        if (context.Database.CurrentTransaction is null)
        {
            _ownTransactions.AddOrUpdate(context, await context.Database.BeginTransactionAsync(cancellationToken));
        }

        foreach (var link in added.GroupBy(e => e.OrganisationId).OrderBy(g => g.Key))
        {
            await LockChainAsync(context, link.Key, cancellationToken);
            var last = await context.Set<AuditEntry>().AsNoTracking()
                .Where(e => e.OrganisationId == link.Key && e.Sequence > 0)
                .OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash })
                .FirstOrDefaultAsync(cancellationToken);
            var sequence = last?.Sequence ?? 0;
            var previous = last?.Hash ?? string.Empty;
            foreach (var entry in link)
            {
                sequence++;
                var hash = chain.HashOf(entry, sequence, previous);
                entry.Link(sequence, previous, hash);
                previous = hash;
            }
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _ownTransactions.TryGetValue(context, out var transaction))
        {
            _ownTransactions.Remove(context);
            await using (transaction)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) =>
        SaveChangesFailedAsync(eventData).GetAwaiter().GetResult();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        RollBackAsync(eventData.Context);

    public override void SaveChangesCanceled(DbContextEventData eventData) =>
        SaveChangesCanceledAsync(eventData).GetAwaiter().GetResult();

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        RollBackAsync(eventData.Context);

    private async Task RollBackAsync(DbContext? context)
    {
        if (context is not null && _ownTransactions.TryGetValue(context, out var transaction))
        {
            _ownTransactions.Remove(context);
            await using (transaction)
            {
                await transaction.RollbackAsync(CancellationToken.None);
            }
        }
    }

    private static Task LockChainAsync(DbContext context, Guid organisationId, CancellationToken ct)
    {
        var provider = context.Database.ProviderName ?? string.Empty;
        if (provider.Contains("Npgsql", StringComparison.Ordinal))
        {
            var key = BitConverter.ToInt64(organisationId.ToByteArray(), 0) ^ 0x4175646974L;
            return context.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", ct);
        }

        if (provider.Contains("SqlServer", StringComparison.Ordinal))
        {
            var resource = "audit-chain-" + organisationId.ToString("N");
            return context.Database.ExecuteSqlAsync(
                $"EXEC sp_getapplock @Resource = {resource}, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 30000", ct);
        }

        // SQLite: the transaction began with BEGIN IMMEDIATE, which already holds the database's write lock.
        return Task.CompletedTask;
    }
}
