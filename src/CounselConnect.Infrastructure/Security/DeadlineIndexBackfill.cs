using CounselConnect.Domain.Deadlines;
using CounselConnect.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CounselConnect.Infrastructure.Security;

/// <summary>
/// After the upgrade that added <c>JudgeSetDeadlines.SameDeadlineIndex</c> (the keyed hash of a deadline's case, date
/// and description, unique), fills it for the rows stored before: at every start, in the background, rows without it
/// are read in batches (which opens their descriptions) and given their hash (<see cref="ProtectedData.SameDeadlineIndex"/>).
/// The key is in the database, wrapped by the master key, so no migration can compute it. Of copies of one deadline
/// stored before (two posts at the same moment), the first by id gets the hash and the others keep none; rows of a
/// case erased by the retention purge keep none either. Several servers may run it at once: each gives a row the
/// same hash and leaves the same copies.
/// </summary>
public sealed class DeadlineIndexBackfill(IServiceScopeFactory scopes, ILogger<DeadlineIndexBackfill> logger) : BackgroundService
{
    public const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var filled = await FillAllAsync(stoppingToken);
            if (filled > 0)
            {
                logger.LogInformation("Indexed {Rows} judge-set deadlines stored before their duplicate index", filled);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the rest is indexed at the next start.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Indexing judge-set deadlines stored before their duplicate index failed; it is tried again at the next start");
        }
    }

    /// <summary>Gives every row without its keyed hash the hash, but for copies and erased rows; returns how many rows it filled.</summary>
    public async Task<int> FillAllAsync(CancellationToken ct)
    {
        var total = 0;
        var left = new List<Guid>();
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var protectedData = scope.ServiceProvider.GetRequiredService<ProtectedData>();
            var batch = await db.Set<JudgeSetDeadline>()
                .Where(d => EF.Property<string?>(d, ProtectedData.SameDeadlineIndexProperty) == null && !left.Contains(d.Id)
                    && !db.Set<DataKey>().Any(k => k.ScopeId == d.CaseId && k.DestroyedAtUtc != null))
                .OrderBy(d => d.Id)
                .Take(BatchSize)
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                return total;
            }

            var hashes = batch.Where(d => d.Description != SealedText.Erased).Select(d => (Deadline: d, Hash: protectedData.SameDeadlineIndex(d))).ToList();
            var wanted = hashes.Select(h => h.Hash).Distinct().ToList();
            var taken = (await db.Set<JudgeSetDeadline>().AsNoTracking()
                    .Where(d => wanted.Contains(EF.Property<string>(d, ProtectedData.SameDeadlineIndexProperty)))
                    .Select(d => EF.Property<string>(d, ProtectedData.SameDeadlineIndexProperty))
                    .ToListAsync(ct))
                .ToHashSet(StringComparer.Ordinal);
            var filled = new HashSet<Guid>();
            foreach (var (deadline, hash) in hashes)
            {
                // A copy of a deadline already indexed (in the table or earlier in this batch, ordered by id) keeps none.
                if (taken.Add(hash))
                {
                    db.Entry(deadline).Property(ProtectedData.SameDeadlineIndexProperty).CurrentValue = hash;
                    filled.Add(deadline.Id);
                }
            }

            left.AddRange(batch.Where(d => !filled.Contains(d.Id)).Select(d => d.Id));
            await db.SaveChangesAsync(ct);
            total += filled.Count;
        }
    }
}
