using CounselConnect.Domain.Auditing;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Infrastructure.Auditing;

/// <summary>
/// The end of an organisation's chain, taken for extending it: a database lock on the chain held to the end of the
/// caller's transaction (an advisory lock on PostgreSQL, an application lock on SQL Server; on SQLite the write
/// transaction, begun with <c>BEGIN IMMEDIATE</c>, already excludes every other writer), then the chain's last link as
/// committed. Whoever extends a chain (the <see cref="AuditChainer"/> and the <see cref="AuditGroupCommit"/>, on any
/// server) does so only under this lock, and a unique index on (organisation, position) backs it up. A caller that
/// extends several chains in one transaction takes their locks in the order of the organisations' ids, so two callers
/// never wait for each other in a circle.
/// </summary>
internal static class AuditChainTail
{
    /// <summary>Locks the organisation's chain for the rest of the transaction and returns its last position and hash.</summary>
    public static async Task<(long Sequence, string Hash)> LockAsync(DbContext db, Guid organisationId, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The audit chain can only be extended inside a transaction.");
        }

        await LockChainAsync(db, organisationId, ct);
        var last = await db.Set<AuditEntry>().AsNoTracking()
            .Where(e => e.OrganisationId == organisationId && e.Sequence > 0)
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(ct);
        return (last?.Sequence ?? 0, last?.Hash ?? string.Empty);
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
