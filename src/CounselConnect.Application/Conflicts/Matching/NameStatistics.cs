namespace CounselConnect.Application.Conflicts.Matching;

/// <summary>How many parties carry a blocking key; the matcher turns this into an IDF-like weight.</summary>
internal interface INameStatistics
{
    /// <summary>Number of parties the counts are taken from (0 when only the prior is known).</summary>
    int Population { get; }

    /// <summary>How many parties carry the (plaintext) key.</summary>
    int CountOf(string key);
}

/// <summary>No index: weights come from the built-in prior alone.</summary>
internal sealed class PriorOnlyStatistics : INameStatistics
{
    public static PriorOnlyStatistics Instance { get; } = new();

    public int Population => 0;

    public int CountOf(string key) => 0;
}
