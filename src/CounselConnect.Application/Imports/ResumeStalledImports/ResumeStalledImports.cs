using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Imports;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CounselConnect.Application.Imports.ResumeStalledImports;

/// <summary>
/// Nothing accepted is lost: an import whose job never ran (a crash between the commit and the queueing, or
/// in-memory job storage lost on restart) or stopped moving (a server killed mid-run, retries exhausted) is queued
/// again from its stored file; the import is idempotent by external id. After <see cref="MaxAttempts"/> starts it
/// is marked failed so a person sees it.
/// </summary>
public sealed record ResumeStalledImportsCommand : ICommand<int>;

public sealed class ResumeStalledImportsHandler(IApplicationDbContext db, IJobScheduler jobs, TimeProvider clock, ILogger<ResumeStalledImportsHandler> logger,
    IImportFileStore files)
    : ICommandHandler<ResumeStalledImportsCommand, int>
{
    public const int MaxAttempts = 5;
    public static readonly TimeSpan StallAfter = TimeSpan.FromMinutes(3);

    public async ValueTask<int> Handle(ResumeStalledImportsCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now - StallAfter;
        var candidates = await db.Set<PartyImport>()
            .Where(i => (i.Status == ImportStatus.Queued || i.Status == ImportStatus.Running) && i.LastActivityAtUtc <= cutoff)
            .ToListAsync(cancellationToken);
        var resumed = 0;
        foreach (var import in candidates.Where(i => i.IsStalled(now, StallAfter)))
        {
            if (import.Attempts >= MaxAttempts)
            {
                import.Fail($"Stopped after {MaxAttempts} attempts; rows already imported are kept. Upload the file again to retry.", now);
                await files.DiscardAsync(import.Id, cancellationToken);
                continue;
            }

            jobs.EnqueuePartyImport(import.Id);
            resumed++;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (resumed > 0)
        {
            logger.LogWarning("Queued {Count} stalled imports again", resumed);
        }

        return resumed;
    }
}
