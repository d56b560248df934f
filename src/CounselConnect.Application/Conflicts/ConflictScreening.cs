using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Conflicts.Matching;
using CounselConnect.Domain.Organisations;
using CounselConnect.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Conflicts;

/// <summary>A match found for one person of a check, with what the program knows about the matched party.</summary>
public sealed record ScreeningMatch(
    Guid PartyId,
    string? ExternalId,
    string? CaseReference,
    string Role,
    string MatchedFor,
    double Score,
    ConflictOutcome Level,
    IReadOnlyList<string> Reasons);

public sealed record ScreeningResult(ConflictOutcome Outcome, IReadOnlyList<ScreeningMatch> Matches);

/// <summary>Runs the conflict check for a person and the people related to them, with the organisation's thresholds.</summary>
public sealed class ConflictScreening(ConflictIndexCache index, IApplicationDbContext db)
{
    public const int MaxMatchesPerPerson = 10;

    public async Task<ScreeningResult> ScreenAsync(Guid organisationId, PersonInput person, IReadOnlyList<PersonInput> related, CancellationToken ct)
    {
        var thresholds = await ThresholdsAsync(organisationId, ct);
        var found = new List<(ScoredCandidate Candidate, string MatchedFor)>();
        foreach (var c in await index.SearchAsync(organisationId, person.ToQuery(), MaxMatchesPerPerson, ct))
        {
            found.Add((c, "person"));
        }

        for (var i = 0; i < related.Count; i++)
        {
            foreach (var c in await index.SearchAsync(organisationId, related[i].ToQuery(), MaxMatchesPerPerson, ct))
            {
                found.Add((c, $"relatedParties[{i}]"));
            }
        }

        var kept = found.Where(f => f.Candidate.Score >= thresholds.Potential).ToList();
        var ids = kept.Select(f => f.Candidate.PartyId).Distinct().ToList();
        var parties = await db.Set<Party>().AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.ExternalId, p.CaseReference, p.Role })
            .ToDictionaryAsync(p => p.Id, ct);

        var matches = kept
            .Where(f => parties.ContainsKey(f.Candidate.PartyId))
            .Select(f =>
            {
                var p = parties[f.Candidate.PartyId];
                return new ScreeningMatch(p.Id, p.ExternalId, p.CaseReference, p.Role, f.MatchedFor,
                    Math.Round(f.Candidate.Score, 4), thresholds.OutcomeFor(f.Candidate.Score), f.Candidate.Reasons);
            })
            .OrderByDescending(m => m.Score)
            .ThenBy(m => m.PartyId)
            .ThenBy(m => m.MatchedFor, StringComparer.Ordinal)
            .ToList();
        var outcome = matches.Count == 0 ? ConflictOutcome.NoMatch : thresholds.OutcomeFor(matches[0].Score);
        return new ScreeningResult(outcome, matches);
    }

    private async Task<MatchThresholds> ThresholdsAsync(Guid organisationId, CancellationToken ct)
    {
        var settings = await db.Set<Organisation>().AsNoTracking()
            .Where(o => o.Id == organisationId)
            .Select(o => new { o.ConflictPotentialThreshold, o.ConflictLikelyThreshold })
            .FirstOrDefaultAsync(ct);
        var defaults = MatchThresholds.Default;
        return new MatchThresholds(settings?.ConflictPotentialThreshold ?? defaults.Potential, settings?.ConflictLikelyThreshold ?? defaults.Likely);
    }
}
