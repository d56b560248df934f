using System.Threading.Channels;
using CounselConnect.Domain.Auditing;
using CounselConnect.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.Infrastructure.Auditing;

/// <summary>
/// Group commit for saves that write nothing but new audit entries (an audited read: a conflict check, a list, a
/// case file opened). Each such save hands its entries here and waits until they are committed, so nothing is
/// lost and the request still answers only after its audit entry is stored; but the entries of every request
/// waiting at the same moment go to the database in one insert and one commit instead of one each. There is no
/// timer: while one batch is being written the next one gathers, so a lone request waits for its own insert only.
/// Saves with any other change keep their audit entries in their own transaction (see <see cref="AuditChainInterceptor"/>).
/// A batch is one multi-row insert (<see cref="RowWriter"/>), not an EF Core save: no change tracking, no save
/// interceptors and no row ids read back for rows nobody reads again in this process (docs/benchmarks.md, "Audited
/// reads: the group commit's insert, and comparing two builds side by side").
/// </summary>
public sealed class AuditGroupCommit(IServiceScopeFactory scopes, AuditChainSignal signal) : IDisposable
{
    /// <summary>The most entries one insert carries.</summary>
    public const int MaxBatch = 256;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false });
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>How many writes are queued for the next insert (diagnostics and tests).</summary>
    public int WaitingWrites => _queue.Reader.Count;

    /// <summary>
    /// Stores <paramref name="entries"/> with whatever other entries are waiting; returns once they are committed,
    /// with the number of entries the insert that carried them held.
    /// </summary>
    public async Task<int> WriteAsync(IReadOnlyList<AuditEntry> entries)
    {
        var pending = new Pending(entries);
        _queue.Writer.TryWrite(pending);
        // Whoever holds the writer's turn writes everything queued, this entry included if it was queued in time;
        // a waiter whose entry a previous turn wrote leaves at once. The write itself is not cancelled half-way:
        // entries handed over are stored even if the request that made them has gone.
        while (!pending.Done.Task.IsCompleted)
        {
            await _writer.WaitAsync(CancellationToken.None);
            try
            {
                if (!pending.Done.Task.IsCompleted)
                {
                    await DrainAsync(pending);
                }
            }
            finally
            {
                _writer.Release();
            }
        }

        return await pending.Done.Task;
    }

    public void Dispose() => _writer.Dispose();

    /// <summary>
    /// Writes queued batches, oldest first, until <paramref name="own"/> is stored; then hands the turn on, so that under
    /// a steady stream of reads no request keeps writing other requests' entries for long.
    /// </summary>
    private async Task DrainAsync(Pending own)
    {
        var batch = new List<Pending>();
        while (!own.Done.Task.IsCompleted && _queue.Reader.TryRead(out var first))
        {
            batch.Clear();
            batch.Add(first);
            var count = first.Entries.Count;
            while (count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
                count += next.Entries.Count;
            }

            try
            {
                await SaveAsync(batch);
                foreach (var p in batch)
                {
                    p.Done.TrySetResult(count);
                }
            }
            catch (Exception) when (batch.Count > 1)
            {
                // One request's entries must not fail the others': each is tried on its own.
                foreach (var p in batch)
                {
                    await SaveAloneAsync(p);
                }
            }
            catch (Exception ex)
            {
                first.Done.TrySetException(ex);
            }
        }
    }

    private async Task SaveAloneAsync(Pending pending)
    {
        try
        {
            await SaveAsync([pending]);
            pending.Done.TrySetResult(pending.Entries.Count);
        }
        catch (Exception ex)
        {
            // The request fails as its own save would have; nothing it was told is stored is lost.
            pending.Done.TrySetException(ex);
        }
    }

    private async Task SaveAsync(IReadOnlyList<Pending> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await RowWriter.InsertAsync(db, batch.Count == 1 ? batch[0].Entries : [.. batch.SelectMany(p => p.Entries)], CancellationToken.None);
        signal.Nudge();
    }

    private sealed class Pending(IReadOnlyList<AuditEntry> entries)
    {
        public IReadOnlyList<AuditEntry> Entries { get; } = entries;

        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
