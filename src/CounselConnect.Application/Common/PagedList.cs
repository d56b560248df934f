namespace CounselConnect.Application.Common;

/// <summary>One page of a sorted list, with the total so a client can page.</summary>
/// <param name="TotalIsLowerBound">True when the list stopped counting: there are more than <paramref name="TotalCount"/>
/// items (and so more pages than <see cref="TotalPages"/>). Lists that can grow without bound count only a window past
/// the requested page, so a page costs the same however long the list is.</param>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount, bool TotalIsLowerBound = false)
{
    public int TotalPages => PageSize == 0 ? 0 : (TotalCount + PageSize - 1) / PageSize;
}
