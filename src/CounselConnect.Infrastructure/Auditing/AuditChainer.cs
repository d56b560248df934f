using CounselConnect.Domain.Auditing;
using CounselConnect.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CounselConnect.Infrastructure.Auditing;

/// <summary>
/// Links unchained audit entries into their organisation's chain, in the order of their row ids, shortly after they
/// were saved (ADR 0015). One organisation's chain is extended by one chainer at a time across servers: each batch
/// runs in a transaction that first takes a lock on the chain (an advisory lock on PostgreSQL, an application lock
/// on SQL Server; on SQLite the write transaction excludes every other writer), then reads the chain's last link
/// and the oldest unchained entries, then writes their positions and hashes. A unique index on (organisation,
/// position) backs this up. An entry whose transaction commits after entries with higher row ids were linked is
/// linked after them: the chain's order is the order in which entries became visible, which is the insert order
/// except for that overlap.
/// </summary>
public sealed class AuditChainer(IServiceScopeFactory scopes, AuditChain chain, IOptions<AuditChainOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _onePass = new(1, 1);

    /// <summary>Links every entry that is unchained when the pass starts; returns how many it linked.</summary>
    public async Task<int> ChainPendingAsync(CancellationToken ct)
    {
        await _onePass.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var organisations = await db.Set<AuditEntry>().AsNoTracking()
                .Where(e => e.Sequence == 0).Select(e => e.OrganisationId).Distinct().ToListAsync(ct);
            var linked = 0;
            var batchSize = Math.Max(1, options.Value.BatchSize);
            foreach (var organisation in organisations.Order())
            {
                int count;
                do
                {
                    count = await db.Database.CreateExecutionStrategy()
                        .ExecuteAsync(ct, attemptCt => LinkBatchAsync(db, organisation, batchSize, attemptCt));
                    linked += count;
                }
                while (count == batchSize);
            }

            return linked;
        }
        finally
        {
            _onePass.Release();
        }
    }

    public void Dispose() => _onePass.Dispose();

    private async Task<int> LinkBatchAsync(AppDbContext db, Guid organisationId, int batchSize, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockChainAsync(db, organisationId, ct);
        var last = await db.Set<AuditEntry>().AsNoTracking()
            .Where(e => e.OrganisationId == organisationId && e.Sequence > 0)
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(ct);
        var pending = await db.Set<AuditEntry>()
            .Where(e => e.OrganisationId == organisationId && e.Sequence == 0)
            .OrderBy(e => e.Id).Take(batchSize)
            .ToListAsync(ct);
        var sequence = last?.Sequence ?? 0;
        var previous = last?.Hash ?? string.Empty;
        foreach (var entry in pending)
        {
            sequence++;
            var hash = chain.HashOf(entry, sequence, previous);
            entry.Link(sequence, previous, hash);
            previous = hash;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return pending.Count;
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

/// <summary>
/// Runs the chainer on this server: after every save that added entries (told by <see cref="AuditChainSignal"/>),
/// and every <see cref="AuditChainOptions.PollInterval"/> for entries written by other servers. A failed pass
/// (database briefly away) is logged and tried again on the next one.
/// </summary>
public sealed class AuditChainerService(AuditChainer chainer, AuditChainSignal signal, IOptions<AuditChainOptions> options, ILogger<AuditChainerService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.ChainerEnabled)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await chainer.ChainPendingAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException or TimeoutException or DbUpdateException
                    or Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException)
                {
                    logger.LogWarning(ex, "Linking audit entries failed; trying again shortly");
                }

                await Task.Delay(settings.PassPause, stoppingToken);
                await signal.WaitAsync(settings.PollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: unchained entries are linked by the next server to run the chainer.
        }
    }
}
