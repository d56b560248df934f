using CounselConnect.Application.Conflicts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CounselConnect.Infrastructure.Persistence;

/// <summary>
/// Loads the conflict index in the background after start-up, then keeps it caught up every two seconds (after an
/// import on another server, say), so that a check rarely has more than a few changes to apply before it searches.
/// It shares the cache's single catch-up pass with checks and with the import job (no lock around searches; a
/// check waits at most <see cref="ConflictIndexCache.MaxWait"/>). A failed round (database briefly away) is logged
/// and tried again on the next tick; checks catch up by themselves regardless.
/// </summary>
public sealed class ConflictIndexWarmup(ConflictIndexCache cache, ILogger<ConflictIndexWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var loaded = false;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        do
        {
            try
            {
                await cache.CatchUpAsync(stoppingToken);
                if (!loaded)
                {
                    loaded = true;
                    logger.LogInformation("Conflict index loaded up to change {Sequence} in {Elapsed}", cache.AppliedSequence,
                        TimeProvider.System.GetElapsedTime(started));
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException or TimeoutException
                or Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException)
            {
                logger.LogWarning(ex, "Conflict index catch-up failed; trying again shortly");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
