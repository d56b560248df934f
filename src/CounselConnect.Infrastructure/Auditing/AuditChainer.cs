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
/// were saved (ADR 0015). Unchained entries are those saved with a request's other changes in its own transaction;
/// an audited read's entries are linked as they are inserted (<see cref="AuditGroupCommit"/>, ADR 0017). Each batch
/// runs in a transaction that takes the chain's lock and reads its last link (<see cref="AuditChainTail"/>), then reads
/// the oldest unchained entries and writes their positions and hashes. An entry whose transaction commits after
/// entries with higher row ids were linked is linked after them: the chain's order is the order in which entries
/// became visible to whoever extended the chain, which is the insert order except for that overlap.
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
        var (sequence, hash) = await AuditChainTail.LockAsync(db, organisationId, ct);
        var pending = await db.Set<AuditEntry>()
            .Where(e => e.OrganisationId == organisationId && e.Sequence == 0)
            .OrderBy(e => e.Id).Take(batchSize)
            .ToListAsync(ct);
        chain.Link(pending, sequence, hash);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return pending.Count;
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
