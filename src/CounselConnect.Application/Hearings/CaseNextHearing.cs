using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Hearings;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Hearings;

/// <summary>
/// Keeps a case's <see cref="Case.NextHearingUtc"/> and <see cref="Case.NextHearingType"/> (read by the board, the
/// opportunities and lawyer matching) in step with its hearings: the earliest scheduled hearing still to come. Runs
/// after the hearing's own save, with a save of its own, so that the hearing's concurrency check (HearingConcurrency)
/// sees only the hearing's rows; two changes to different hearings of one case at the same moment may leave the
/// case's copy one change behind until the next change.
/// </summary>
public static class CaseNextHearing
{
    public static async Task RefreshAsync(IApplicationDbContext db, Case @case, DateTime nowUtc, CancellationToken ct)
    {
        var next = await db.Set<Hearing>().AsNoTracking()
            .Where(h => h.CaseId == @case.Id && h.Status == HearingStatus.Scheduled && h.ScheduledAtUtc > nowUtc)
            .OrderBy(h => h.ScheduledAtUtc)
            .Select(h => new { h.ScheduledAtUtc, h.Type })
            .FirstOrDefaultAsync(ct);
        if (@case.NextHearingUtc != next?.ScheduledAtUtc || @case.NextHearingType != next?.Type)
        {
            @case.SetNextHearing(next?.ScheduledAtUtc, next?.Type);
            await db.SaveChangesAsync(ct);
        }
    }
}
