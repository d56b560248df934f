namespace CounselConnect.Application.Common;

/// <summary>The bounds every paged list shares.</summary>
public static class Paging
{
    /// <summary>
    /// The highest page number a list accepts: with at most 200 items a page, (page − 1) × pageSize stays far below
    /// <see cref="int.MaxValue"/>, so a deep page is an empty page, never an overflow that answers page 1.
    /// </summary>
    public const int MaxPage = 1_000_000;
}
