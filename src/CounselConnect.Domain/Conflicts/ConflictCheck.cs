using CounselConnect.Domain.Common;

namespace CounselConnect.Domain.Conflicts;

public enum MatchLevel
{
    NoMatch,
    Potential,
    Likely,
}

public enum MatchDecision
{
    Pending,
    NoConflict,
    Conflict,
    Waived,
}

/// <summary>
/// A conflict check run for an intake: the ranked matches it found and, for each, the decision a person made.
/// The system ranks and explains; it never clears a match by itself.
/// </summary>
public sealed class ConflictCheck : Entity
{
    private readonly List<ConflictMatch> _matches = [];

    private ConflictCheck()
    {
        PerformedBy = string.Empty;
    }

    public ConflictCheck(Guid organisationId, Guid caseId, MatchLevel outcome, string performedBy, DateTime nowUtc)
    {
        OrganisationId = organisationId;
        CaseId = caseId;
        Outcome = outcome;
        PerformedBy = performedBy;
        PerformedAtUtc = nowUtc;
    }

    public Guid OrganisationId { get; private set; }

    public Guid CaseId { get; private set; }

    public MatchLevel Outcome { get; private set; }

    public string PerformedBy { get; private set; }

    public DateTime PerformedAtUtc { get; private set; }

    public IReadOnlyList<ConflictMatch> Matches => _matches;

    public ConflictMatch AddMatch(Guid partyId, string matchedFor, double score, MatchLevel level, IReadOnlyList<string> reasons)
    {
        var match = new ConflictMatch(Id, partyId, matchedFor, score, level, reasons);
        _matches.Add(match);
        return match;
    }
}

/// <summary>One potential match and the decision recorded on it (who, when, why).</summary>
public sealed class ConflictMatch : Entity
{
    private ConflictMatch()
    {
        MatchedFor = string.Empty;
    }

    internal ConflictMatch(Guid checkId, Guid partyId, string matchedFor, double score, MatchLevel level, IReadOnlyList<string> reasons)
    {
        ConflictCheckId = checkId;
        PartyId = partyId;
        MatchedFor = matchedFor;
        Score = score;
        Level = level;
        Reasons = [.. reasons];
    }

    public Guid ConflictCheckId { get; private set; }

    public Guid PartyId { get; private set; }

    /// <summary><c>person</c> or <c>relatedParties[i]</c>: whom of the intake this match was found for.</summary>
    public string MatchedFor { get; private set; }

    public double Score { get; private set; }

    public MatchLevel Level { get; private set; }

    public List<string> Reasons { get; private set; } = [];

    public MatchDecision Decision { get; private set; } = MatchDecision.Pending;

    public string? DecisionReason { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTime? DecidedAtUtc { get; private set; }

    /// <summary>Records a person's decision. A waiver needs the reason (informed consent); so does a conflict.</summary>
    public void Decide(MatchDecision decision, string? reason, string decidedBy, DateTime nowUtc)
    {
        CheckRule(decision == MatchDecision.Pending, "DecisionRequired", "Choose no conflict, conflict, or waived.");
        CheckRule(decision is MatchDecision.Waived or MatchDecision.Conflict && string.IsNullOrWhiteSpace(reason),
            "DecisionReasonRequired", "A conflict or a waiver needs a reason (for a waiver, how informed consent was given).");
        Decision = decision;
        DecisionReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        DecidedBy = decidedBy;
        DecidedAtUtc = nowUtc;
    }
}
