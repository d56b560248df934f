using CounselConnect.Application.Common;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Conflicts.Matching;
using CounselConnect.Domain.Cases;
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
    IReadOnlyList<string> Reasons)
{
    /// <summary>The matched party belongs to a case protected under 8 U.S.C. 1367 (its details must not be shown).</summary>
    public bool Protected { get; init; }
}

public sealed record ScreeningResult(ConflictOutcome Outcome, IReadOnlyList<ScreeningMatch> Matches);

/// <summary>Runs the conflict check for a person and the people related to them, with the organisation's thresholds.</summary>
public sealed class ConflictScreening(ConflictIndexCache index, IApplicationDbContext db)
{
    public const int MaxMatchesPerPerson = 10;

    public async Task<ScreeningResult> ScreenAsync(Guid organisationId, PersonInput person, IReadOnlyList<PersonInput> related, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(related);
        // The organisation's thresholds, read at the time of the check and before the search: an identical full name
        // is scored (and ranked) to just over the organisation's potential threshold, not the default one. Nothing is
        // cached, so every server answers the same as soon as a threshold change commits.
        var thresholds = MatchThresholds.Default;
        await foreach (var row in OrganisationThresholds.For(db.Context)(db.Context, organisationId).WithCancellation(ct))
        {
            thresholds = new MatchThresholds(row.Potential ?? thresholds.Potential, row.Likely ?? thresholds.Likely);
        }

        // One catch-up with the feed for the person and everyone related to them.
        var results = await index.SearchAsync(organisationId, [person.ToQuery(), .. related.Select(r => r.ToQuery())], MaxMatchesPerPerson, thresholds, ct);
        var found = new List<(ScoredCandidate Candidate, string MatchedFor)>();
        for (var i = 0; i < results.Count; i++)
        {
            var matchedFor = i == 0 ? "person" : $"relatedParties[{i - 1}]";
            found.AddRange(results[i].Select(c => (c, matchedFor)));
        }

        if (found.Count == 0)
        {
            // No candidate at all: no match whatever the thresholds, and nothing to read.
            return new ScreeningResult(ConflictOutcome.NoMatch, []);
        }

        // One more round trip for the candidates' parties with their 8 U.S.C. 1367 protection, read at the time of the
        // check. No candidate still stored means no match, whatever the thresholds.
        var ids = found.Select(f => f.Candidate.PartyId).Distinct().ToList();
        var parties = new Dictionary<Guid, PartyRow>(ids.Count);
        await foreach (var row in CandidateParties.For(db.Context)(db.Context, ids).WithCancellation(ct))
        {
            parties[row.Id] = row;
        }

        if (parties.Count == 0)
        {
            return new ScreeningResult(ConflictOutcome.NoMatch, []);
        }

        var matches = found
            .Where(f => f.Candidate.Score >= thresholds.Potential && parties.ContainsKey(f.Candidate.PartyId))
            .Select(f =>
            {
                var p = parties[f.Candidate.PartyId];
                return new ScreeningMatch(p.Id, p.ExternalId, p.CaseReference, p.Role, f.MatchedFor,
                    Math.Round(f.Candidate.Score, 4), thresholds.OutcomeFor(f.Candidate.Score), f.Candidate.Reasons)
                { Protected = p.Protected };
            })
            .OrderByDescending(m => m.Score)
            .ThenBy(m => m.PartyId)
            .ThenBy(m => m.MatchedFor, StringComparer.Ordinal)
            .ToList();
        var outcome = matches.Count == 0 ? ConflictOutcome.NoMatch : thresholds.OutcomeFor(matches[0].Score);
        return new ScreeningResult(outcome, matches);
    }

    /// <summary>The organisation's thresholds (one row, or none), compiled once: every intake and check runs it.</summary>
    private static readonly CompiledQuery<Func<DbContext, Guid, IAsyncEnumerable<ThresholdRow>>> OrganisationThresholds = new(() => EF.CompileAsyncQuery(
        (DbContext db, Guid organisationId) => db.Set<Organisation>().AsNoTracking()
            .Where(o => o.Id == organisationId)
            .Select(o => new ThresholdRow(o.ConflictPotentialThreshold, o.ConflictLikelyThreshold))));

    /// <summary>The candidates' parties, compiled once: every intake and check with a candidate runs it.</summary>
    private static readonly CompiledQuery<Func<DbContext, List<Guid>, IAsyncEnumerable<PartyRow>>> CandidateParties = new(() => EF.CompileAsyncQuery(
        (DbContext db, List<Guid> ids) => db.Set<Party>().AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Select(p => new PartyRow(p.Id, p.ExternalId, p.CaseReference, p.Role,
                db.Set<Case>().Any(c => c.Id == p.CaseId && c.Protection != CaseProtection.None)))));

    private sealed record ThresholdRow(double? Potential, double? Likely);

    private sealed record PartyRow(Guid Id, string? ExternalId, string? CaseReference, string Role, bool Protected);
}
