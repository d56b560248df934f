namespace CounselConnect.Application.Conflicts.Matching;

/// <summary>Score thresholds that turn the top candidate's score into an outcome.</summary>
/// <param name="Potential">Lowest score shown as a potential conflict.</param>
/// <param name="Likely">Lowest score shown as a likely conflict.</param>
public sealed record MatchThresholds(double Potential = 0.4, double Likely = 0.8)
{
    public static MatchThresholds Default { get; } = new();

    /// <summary>The outcome for a top score.</summary>
    public ConflictOutcome OutcomeFor(double topScore) =>
        topScore >= Likely ? ConflictOutcome.Likely
        : topScore >= Potential ? ConflictOutcome.Potential
        : ConflictOutcome.NoMatch;

    /// <summary>The outcome for a ranked result list (best first); no candidates is no match.</summary>
    public ConflictOutcome OutcomeFor(IReadOnlyList<ScoredCandidate> ranked)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        return ranked.Count == 0 ? ConflictOutcome.NoMatch : OutcomeFor(ranked.Max(c => c.Score));
    }
}
