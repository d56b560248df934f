using System.Linq.Expressions;
using CounselConnect.Domain.Assignments;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Common;
using CounselConnect.Domain.Conflicts;
using CounselConnect.Domain.Deadlines;
using CounselConnect.Domain.Hearings;
using CounselConnect.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CounselConnect.Infrastructure.Security;

/// <summary>
/// After an upgrade, seals the free text that earlier releases stored in clear (<see cref="SealedText"/>): at every
/// start, in the background, rows whose former clear-text column is still filled are loaded in batches and saved
/// again, which seals them under their case's data key and empties the clear column. Until then they are read from
/// the clear column as before. Several servers may run it at once: a row sealed twice holds one valid ciphertext.
/// Rows of a case erased by the retention purge hold no clear text (the purge empties those columns too).
/// </summary>
public sealed class ClearNotesSealer(IServiceScopeFactory scopes, ILogger<ClearNotesSealer> logger) : BackgroundService
{
    public const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var sealedRows = await SealAllAsync(stoppingToken);
            if (sealedRows > 0)
            {
                logger.LogInformation("Sealed the free text of {Rows} rows stored in clear by an earlier release", sealedRows);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the rest is sealed at the next start.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Sealing free text stored in clear failed; it is tried again at the next start");
        }
    }

    /// <summary>Seals every row still holding clear text; returns how many rows were sealed.</summary>
    public async Task<int> SealAllAsync(CancellationToken ct) =>
        await SealAsync<Case>(ct) + await SealAsync<Assignment>(ct) + await SealAsync<ConflictMatch>(ct)
        + await SealAsync<HearingChange>(ct) + await SealAsync<JudgeSetDeadline>(ct);

    private async Task<int> SealAsync<TEntity>(CancellationToken ct)
        where TEntity : Entity
    {
        var fields = SealedText.FieldsOf(typeof(TEntity))!;
        var row = Expression.Parameter(typeof(TEntity), "row");
        var holdsClearText = fields
            .Select(f => (Expression)Expression.NotEqual(
                Expression.Call(typeof(EF), nameof(EF.Property), [typeof(string)], row, Expression.Constant(f.ClearProperty)),
                Expression.Constant(null, typeof(string))))
            .Aggregate(Expression.OrElse);
        var filter = Expression.Lambda<Func<TEntity, bool>>(holdsClearText, row);
        var total = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var batch = await db.Set<TEntity>().Where(filter).OrderBy(e => e.Id).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return total;
            }

            foreach (var entity in batch)
            {
                foreach (var field in fields)
                {
                    // Marks the row changed: ProtectedData seals its text on save and empties the clear column.
                    db.Entry(entity).Property(field.ClearProperty).IsModified = true;
                }
            }

            await db.SaveChangesAsync(ct);
            total += batch.Count;
        }
    }
}
