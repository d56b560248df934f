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
public sealed class MatchingData(IApplicationDbContext db, RepresentativeFactsCache cache)
{
    /// <summary>
    /// The organisation's representatives (from <see cref="RepresentativeFactsCache"/>, stamp-checked) with their current
    /// load, read by one grouped query; ordered by id; optionally only those in <paramref name="only"/>.
    /// </summary>
    public async Task<List<(RepresentativeSummary Profile, MatchRepresentative Facts)>> RepresentativesAsync(
        Guid organisationId, DateOnly today, IReadOnlyCollection<Guid>? only, CancellationToken ct)
    {
        var snapshot = await cache.GetAsync(db, organisationId, today, ct);
        var load = await ActiveLoadsAsync(organisationId, ct);
        var wanted = only is null ? null : new HashSet<Guid>(only);
        var result = new List<(RepresentativeSummary, MatchRepresentative)>(wanted?.Count ?? snapshot.Facts.Count);
        for (var j = 0; j < snapshot.Facts.Count; j++)
        {
            var summary = snapshot.Summaries[j];
            if (wanted is not null && !wanted.Contains(summary.Id))
            {
                continue;
            }

            var facts = snapshot.Facts[j];
            result.Add((summary, load.TryGetValue(summary.Id, out var active) ? facts with { ActiveCases = active } : facts));
        }

        return result;
    }

    /// <summary>Active (not ended) assignments per representative of the organisation, in one grouped query.</summary>
    public async Task<Dictionary<Guid, int>> ActiveLoadsAsync(Guid organisationId, CancellationToken ct) =>
        await db.Set<Assignment>().AsNoTracking()
            .Where(a => a.OrganisationId == organisationId && a.EndedAtUtc == null)
            .GroupBy(a => a.RepresentativeId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);

    /// <summary>
    /// The parties of every case with an assignment, indexed for the conflict hard constraint, in one query: the
    /// organisation's "potential" threshold comes with each row (an uncorrelated subquery, evaluated once). No row means
    /// no represented party, so no conflict whatever the threshold.
    /// </summary>
    public async Task<RepresentedPartyConflicts> ConflictsAsync(Guid organisationId, CancellationToken ct)
    {
        var organisations = db.Set<Organisation>().AsNoTracking().Where(o => o.Id == organisationId);
        var represented = await (
            from a in db.Set<Assignment>().AsNoTracking()
            join p in db.Set<Party>().AsNoTracking() on a.CaseId equals p.CaseId
            where a.OrganisationId == organisationId
            select new { a.RepresentativeId, a.CaseId, Party = p, Threshold = organisations.Select(o => o.ConflictPotentialThreshold).FirstOrDefault() })
            .ToListAsync(ct);
        var threshold = (represented.Count == 0 ? null : represented[0].Threshold) ?? MatchThresholds.Default.Potential;
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
