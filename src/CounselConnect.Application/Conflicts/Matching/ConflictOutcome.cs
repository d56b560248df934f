namespace CounselConnect.Application.Conflicts.Matching;

/// <summary>What the top-scoring candidate suggests. A person always makes the decision.</summary>
public enum ConflictOutcome
{
    NoMatch = 0,
    Potential = 1,
    Likely = 2,
}
