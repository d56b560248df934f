using CounselConnect.Application.Conflicts.Matching;

namespace CounselConnect.Application.Conflicts;

/// <summary>
/// Reads the party change feed for <see cref="ConflictIndexCache"/> a page at a time, set-based: one streamed query
/// per page for the changes with each party's stored row and data key, then the data keys unwrapped and the parties
/// decrypted in parallel. Only the changes the cache has not applied yet are decrypted.
/// </summary>
public interface IPartyChangeFeed
{
    /// <summary>
    /// The first <paramref name="max"/> changes after <paramref name="afterSeq"/>, in sequence order; those for which
    /// <paramref name="alreadyApplied"/> is true are counted but not opened.
    /// </summary>
    Task<PartyFeedPage> ReadAsync(long afterSeq, int max, Func<long, bool> alreadyApplied, CancellationToken ct);
}

/// <summary>One page of the feed: how many rows were read, the last sequence number read, and the fresh changes.</summary>
public sealed record PartyFeedPage(int RowsRead, long LastSeq, IReadOnlyList<PartyFeedChange> Changes);

/// <summary>
/// One change as the index applies it: the party as stored now, or null when it is deleted, purged (its data key
/// destroyed) or gone.
/// </summary>
public sealed record PartyFeedChange(long Seq, Guid OrganisationId, Guid PartyId, PartyRecord? Party);
