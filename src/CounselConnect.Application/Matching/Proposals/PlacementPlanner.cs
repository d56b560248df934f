using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Common;
using CounselConnect.Domain.Representatives;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Matching.Proposals;

/// <summary>The feasible pairs of a batch: cases that need counsel, representatives with capacity, scored by <see cref="FitScorer"/>.</summary>
public sealed record PlacementProblem(
    IReadOnlyList<Case> Cases,
    IReadOnlyList<(RepresentativeSummary Profile, MatchRepresentative Facts)> Representatives,
    IReadOnlyList<PlacementEdge> Edges)
{
    public int[] Capacities => [.. Representatives.Select(r => r.Facts.CapacityLeft)];
}

public sealed class PlacementPlanner(IApplicationDbContext db, MatchingData data, TimeProvider clock)
{
    public async Task<PlacementProblem> BuildAsync(Guid organisationId, IReadOnlyCollection<Guid>? caseIds, IReadOnlyCollection<Guid>? representativeIds,
        bool tracking, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Set<Case>().Where(c => c.OrganisationId == organisationId && c.Status == CaseStatus.NeedsCounsel);
        if (!tracking)
        {
            query = query.AsNoTracking();
        }

        if (caseIds is { Count: > 0 })
        {
            query = query.Where(c => caseIds.Contains(c.Id));
        }

        var cases = await query.OrderBy(c => c.Id).ToListAsync(ct);
        var reps = await data.RepresentativesAsync(organisationId, DateOnly.FromDateTime(now), representativeIds is { Count: > 0 } ? representativeIds : null, ct);
        using var conflicts = await data.ConflictsAsync(organisationId, ct);
        var parties = await data.PartiesOfAsync([.. cases.Select(c => c.Id)], ct);
        var repIndex = new Dictionary<Guid, int>(reps.Count);
        for (var j = 0; j < reps.Count; j++)
        {
            repIndex[reps[j].Profile.Id] = j;
        }

        var conflicted = new int[cases.Count][];
        for (var i = 0; i < cases.Count; i++)
        {
            conflicted[i] = [.. conflicts.ConflictedRepresentatives(cases[i].Id, parties.GetValueOrDefault(cases[i].Id) ?? [])
                .Where(repIndex.ContainsKey).Select(id => repIndex[id])];
        }

        var scorer = new PairScorer([.. cases.Select(MatchingData.ToMatchCase)], [.. reps.Select(r => r.Facts)], now);
        var edges = scorer.FeasiblePairs(i => conflicted[i]);
        return new PlacementProblem(cases, reps, edges);
    }

    /// <summary>Checks a set of placements against the hard constraints and the capacities; returns their scores.</summary>
    public async Task<(PlacementProblem Problem, List<(int Case, int Representative, int Score)> Placements)> CheckAsync(
        Guid organisationId, IReadOnlyList<(Guid CaseId, Guid RepresentativeId)> placements, bool tracking, CancellationToken ct)
    {
        var problem = await BuildAsync(organisationId, [.. placements.Select(p => p.CaseId)], [.. placements.Select(p => p.RepresentativeId)], tracking, ct);
        var caseIndex = problem.Cases.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var repIndex = problem.Representatives.Select((r, i) => (r.Profile.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var edges = problem.Edges.ToDictionary(e => (e.Case, e.Representative), e => e.Score);
        var left = problem.Capacities;
        var result = new List<(int, int, int)>();
        foreach (var (caseId, representativeId) in placements)
        {
            if (!caseIndex.TryGetValue(caseId, out var i))
            {
                // Said by its reference (references carry no personal data); a case of another organisation only by the id sent.
                var reference = await db.Set<Case>().AsNoTracking().Where(c => c.Id == caseId && c.OrganisationId == organisationId)
                    .Select(c => c.Reference).FirstOrDefaultAsync(ct);
                throw new BusinessRuleException("CaseNotOpen", reference is null
                    ? $"Case {caseId} is not a case of your organisation."
                    : $"Case {reference} no longer needs counsel.");
            }

            if (!repIndex.TryGetValue(representativeId, out var j))
            {
                throw new BusinessRuleException("UnknownRepresentative", $"Representative {representativeId} is not a representative profile of your organisation.");
            }

            if (!edges.TryGetValue((i, j), out var score))
            {
                throw new BusinessRuleException("HardConstraintViolated",
                    "A placement breaks a hard constraint (conflict, court, docket, availability, capacity or authorisation); rank the case to see why.");
            }

            if (--left[j] < 0)
            {
                throw new BusinessRuleException("NoCapacityLeft", "A representative is given more cases than their capacity.");
            }

            result.Add((i, j, score));
        }

        return (problem, result);
    }
}
