using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Conflicts.Matching;
using CounselConnect.Domain.Assignments;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Organisations;
using CounselConnect.Domain.People;
using CounselConnect.Domain.Representatives;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Matching;

/// <summary>Loads what ranking and placement need for one organisation: representatives with their load, and conflicts.</summary>
public sealed class MatchingData(IApplicationDbContext db)
{
    public async Task<List<(RepresentativeProfile Profile, MatchRepresentative Facts)>> RepresentativesAsync(
        Guid organisationId, DateOnly today, IReadOnlyCollection<Guid>? only, CancellationToken ct)
    {
        var profiles = db.Set<RepresentativeProfile>().AsNoTracking().Where(p => p.OrganisationId == organisationId);
        if (only is not null)
        {
            profiles = profiles.Where(p => only.Contains(p.Id));
        }

        var list = await profiles.OrderBy(p => p.Id).ToListAsync(ct);
        var load = await db.Set<Assignment>().AsNoTracking()
            .Where(a => a.OrganisationId == organisationId && a.EndedAtUtc == null)
            .GroupBy(a => a.RepresentativeId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return [.. list.Select(p => (p, MatchRepresentative.From(p, load.GetValueOrDefault(p.Id), today)))];
    }

    public async Task<RepresentedPartyConflicts> ConflictsAsync(Guid organisationId, CancellationToken ct)
    {
        var represented = await (
            from a in db.Set<Assignment>().AsNoTracking()
            join p in db.Set<Party>().AsNoTracking() on a.CaseId equals p.CaseId
            where a.OrganisationId == organisationId
            select new { a.RepresentativeId, a.CaseId, Party = p }).ToListAsync(ct);
        var threshold = await db.Set<Organisation>().AsNoTracking().Where(o => o.Id == organisationId)
            .Select(o => o.ConflictPotentialThreshold).FirstOrDefaultAsync(ct) ?? MatchThresholds.Default.Potential;
        return new RepresentedPartyConflicts(represented.Select(r => (r.RepresentativeId, r.CaseId, r.Party)), threshold);
    }

    public async Task<Dictionary<Guid, List<Party>>> PartiesOfAsync(IReadOnlyCollection<Guid> caseIds, CancellationToken ct)
    {
        var parties = await db.Set<Party>().AsNoTracking().Where(p => p.CaseId != null && caseIds.Contains(p.CaseId.Value)).ToListAsync(ct);
        return parties.GroupBy(p => p.CaseId!.Value).ToDictionary(g => g.Key, g => g.ToList());
    }

    public static MatchCase ToMatchCase(Case c) =>
        new(c.Id, c.CourtCode, c.Custody, c.PrimaryLanguage, c.ReliefSought, c.NextHearingUtc);
}
