using CounselConnect.Application.Conflicts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CounselConnect.Infrastructure.Persistence;

/// <summary>Loads the conflict index in the background after start-up, so the first check need not wait for it.</summary>
public sealed class ConflictIndexWarmup(ConflictIndexCache cache, ILogger<ConflictIndexWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var started = TimeProvider.System.GetTimestamp();
            await cache.CatchUpAsync(stoppingToken);
            logger.LogInformation("Conflict index loaded up to change {Sequence} in {Elapsed}", cache.AppliedSequence,
                TimeProvider.System.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            logger.LogWarning(ex, "Conflict index warm-up failed; it will load on the first check");
        }
    }
}
