using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Hearings;
using CounselConnect.Application.Representatives;
using CounselConnect.Domain.Assignments;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Deadlines;
using CounselConnect.Domain.Hearings;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Attorney;

/// <summary>One case currently assigned to the representative, with its scheduled hearings and computed deadlines.</summary>
public sealed record CaseloadEntry(Case Case, DateTime AssignedAtUtc, IReadOnlyList<Hearing> Hearings, IReadOnlyList<CaseDeadline> Deadlines);

/// <summary>
/// The cases a representative holds now (active assignments only), read once for "my cases" and the calendar. The
/// deadlines come from the deadline engine through <see cref="CaseDeadlines"/>, as on a case's own page.
/// </summary>
public static class MyCaseload
{
    /// <summary>The caller's own caseload; none without a representative profile.</summary>
    public static async Task<IReadOnlyList<CaseloadEntry>> LoadMineAsync(RepresentativeAccess representatives, IApplicationDbContext db,
        DateTime nowUtc, string defaultTimeZone, CancellationToken ct) =>
        await representatives.FindMineAsync(ct) is { } me ? await LoadAsync(db, me.Id, nowUtc, defaultTimeZone, ct) : [];

    public static async Task<IReadOnlyList<CaseloadEntry>> LoadAsync(IApplicationDbContext db, Guid representativeId, DateTime nowUtc,
        string defaultTimeZone, CancellationToken ct)
    {
        var assignments = await db.Set<Assignment>().AsNoTracking()
            .Where(a => a.RepresentativeId == representativeId && a.EndedAtUtc == null)
            .Select(a => new { a.CaseId, a.AssignedAtUtc })
            .ToListAsync(ct);
        if (assignments.Count == 0)
        {
            return [];
        }

        var ids = assignments.Select(a => a.CaseId).ToList();
        var cases = await db.Set<Case>().AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(ct);
        var hearings = (await db.Set<Hearing>().AsNoTracking().Where(h => ids.Contains(h.CaseId) && h.Status == HearingStatus.Scheduled)
            .ToListAsync(ct)).ToLookup(h => h.CaseId);
        var judgeSet = (await db.Set<JudgeSetDeadline>().AsNoTracking().Where(d => ids.Contains(d.CaseId)).ToListAsync(ct)).ToLookup(d => d.CaseId);
        var assignedAt = assignments.ToDictionary(a => a.CaseId, a => a.AssignedAtUtc);
        return [.. cases.Select(c =>
        {
            var caseHearings = hearings[c.Id].OrderBy(h => h.ScheduledAtUtc).ToList();
            return new CaseloadEntry(c, assignedAt[c.Id], caseHearings,
                CaseDeadlines.Compute(c, caseHearings, judgeSet[c.Id], nowUtc, defaultTimeZone));
        })];
    }
}
