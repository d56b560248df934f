using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Cases;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Matching.RankAttorneys;

/// <summary>Representatives ranked for one case: feasible ones by score with reasons; optionally the excluded ones with why.</summary>
public sealed record RankAttorneysQuery(Guid CaseId, bool IncludeExcluded = false, int Limit = 50) : IQuery<AttorneyRankingDto>;

public sealed class RankAttorneysValidator : AbstractValidator<RankAttorneysQuery>
{
    /// <summary>The most representatives one ranking returns with their reasons.</summary>
    public const int MaxLimit = 500;

    public RankAttorneysValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit).WithMessage($"Use a limit from 1 to {MaxLimit}.");
    }
}

public sealed record AttorneyMatchDto(Guid RepresentativeId, string DisplayName, int Score, IReadOnlyList<string> Reasons, IReadOnlyList<string> Warnings);

public sealed record ExcludedAttorneyDto(Guid RepresentativeId, string DisplayName, IReadOnlyList<string> Why);

/// <param name="Assignable">
/// Whether an attorney can be assigned to the case now: it needs counsel, or has counsel and assigning another reassigns
/// it (with a reason). A case at intake, declined or closed is ranked all the same (the ranking reads only the case's
/// facts), and <paramref name="Notice"/> says why it cannot be assigned.
/// </param>
public sealed record AttorneyRankingDto(Guid CaseId, int Considered, IReadOnlyList<AttorneyMatchDto> Matches, IReadOnlyList<ExcludedAttorneyDto>? Excluded,
    CaseStatus CaseStatus = CaseStatus.NeedsCounsel, bool Assignable = true, string? Notice = null);

public sealed class RankAttorneysHandler(IApplicationDbContext db, ICurrentUser user, MatchingData data, IAuditTrail audit, TimeProvider clock)
    : IQueryHandler<RankAttorneysQuery, AttorneyRankingDto>
{
    public async ValueTask<AttorneyRankingDto> Handle(RankAttorneysQuery query, CancellationToken cancellationToken)
    {
        var organisationId = user.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation.");
        // Tracked (nothing changes it): the audit entry below looks up whether the case is protected under 8 U.S.C. 1367,
        // and finds it in the change tracker instead of querying the database again, synchronously.
        var @case = await db.Set<Case>().FirstOrDefaultAsync(c => c.Id == query.CaseId && c.OrganisationId == organisationId, cancellationToken)
            ?? throw new NotFoundException("Case");
        var now = clock.GetUtcNow().UtcDateTime;
        var representatives = await data.RepresentativesAsync(organisationId, DateOnly.FromDateTime(now), null, cancellationToken);
        using var conflicts = await data.ConflictsAsync(organisationId, cancellationToken);
        var parties = await data.PartiesOfAsync([@case.Id], cancellationToken);
        var conflicted = conflicts.ConflictedRepresentatives(@case.Id, parties.GetValueOrDefault(@case.Id) ?? []);
        var facts = MatchingData.ToMatchCase(@case);

        // Scores without reasons for everyone (PairScorer: array reads, no allocation per pair), then reasons only for
        // the returned top `limit` (FitScorer.Evaluate, the same rules with words).
        var scorer = new PairScorer([facts], [.. representatives.Select(r => r.Facts)], now);
        var feasible = new List<(int Index, int Score)>();
        for (var j = 0; j < representatives.Count; j++)
        {
            var score = scorer.Score(0, j, conflicted.Contains(representatives[j].Profile.Id));
            if (score > 0)
            {
                feasible.Add((j, score));
            }
        }

        feasible.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score)
            : representatives[a.Index].Profile.Id.CompareTo(representatives[b.Index].Profile.Id));
        var matches = new List<AttorneyMatchDto>();
        foreach (var (j, score) in feasible.Take(query.Limit))
        {
            var (profile, rep) = representatives[j];
            var fit = FitScorer.Evaluate(facts, rep, false, now);
            matches.Add(new AttorneyMatchDto(rep.Id, profile.DisplayName, score, fit.Reasons, fit.Warnings));
        }

        var excluded = new List<ExcludedAttorneyDto>();
        if (query.IncludeExcluded)
        {
            foreach (var (profile, rep) in representatives)
            {
                var blocks = FitScorer.HardConstraintFailures(facts, rep, conflicted.Contains(rep.Id), now);
                if (blocks.Count > 0)
                {
                    excluded.Add(new ExcludedAttorneyDto(rep.Id, profile.DisplayName, blocks));
                }
            }
        }

        audit.Record("case.attorney_matches", "Case", @case.Id, "anonymised");
        await db.SaveChangesAsync(cancellationToken);
        var (assignable, notice) = @case.Status switch
        {
            CaseStatus.NeedsCounsel => (true, (string?)null),
            CaseStatus.Assigned => (true, "The case has counsel: assigning an attorney from this ranking reassigns it (say why)."),
            _ => (false, $"The case cannot be assigned: it is {System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(@case.Status.ToString())}, and only a case that needs counsel (or has it) can be."),
        };
        return new AttorneyRankingDto(@case.Id, representatives.Count, matches,
            query.IncludeExcluded ? [.. excluded.OrderBy(e => e.RepresentativeId)] : null, @case.Status, assignable, notice);
    }
}
