using CounselConnect.Application.Conflicts.Matching;

namespace CounselConnect.Application.Conflicts;

/// <summary>
/// Reads the party change feed for <see cref="ConflictIndexCache"/> a page at a time, set-based: one streamed query
/// per page for the changes with each party's stored row and data key, then the data keys unwrapped and the parties
/// decrypted in parallel. Only the changes the cache has not applied yet are decrypted, and a page is opened and
/// applied while the next one is being read.
/// </summary>
public interface IPartyChangeFeed
{
    /// <summary>
    /// The first <paramref name="max"/> changes after <paramref name="afterSeq"/>, in sequence order, with what is
    /// needed to open them; nothing is decrypted yet. One read at a time per instance; a page may be opened while the
    /// next one is read. Changes for which <paramref name="alreadyApplied"/> is true are counted in
    /// <see cref="PartyFeedPage.RowsRead"/> and <see cref="PartyFeedPage.LastSeq"/> but not kept (their ciphertext is
    /// never copied): after a window rescan the cache re-reads from the oldest late change, mostly changes it applied already.
    /// The predicate is called on the reading thread, so it must not race with writes to what it reads.
    /// </summary>
    Task<PartyFeedPage> ReadAsync(long afterSeq, int max, Func<long, bool>? alreadyApplied, CancellationToken ct);

    /// <summary>
    /// How many changes are stored with a sequence number after <paramref name="afterSeq"/> and up to
    /// <paramref name="upToSeq"/>: one count on the primary key, no row read. The feed is append-only, so this equals the
    /// number of changes the cache applied in that range exactly when no change in it committed late.
    /// </summary>
    Task<long> CountAsync(long afterSeq, long upToSeq, CancellationToken ct);

    /// <summary>
    /// The lowest sequence number stored after <paramref name="afterSeq"/> and up to <paramref name="upToSeq"/> for
    /// which <paramref name="alreadyApplied"/> is false, or null when there is none: the keys alone are read, in order,
    /// until the first such one. With it the window rescan re-reads the feed from the late change on, not the whole
    /// window. The predicate is called on the reading thread, as in <see cref="ReadAsync"/>.
    /// </summary>
    Task<long?> FirstUnappliedAsync(long afterSeq, long upToSeq, Func<long, bool> alreadyApplied, CancellationToken ct);
}

/// <summary>One page of the feed as read: how many rows and the last sequence number, still sealed.</summary>
public abstract class PartyFeedPage
{
    public abstract int RowsRead { get; }

    public abstract long LastSeq { get; }

    /// <summary>
    /// The changes for which <paramref name="alreadyApplied"/> is false, in sequence order, each with its party opened
    /// (data keys unwrapped and payloads decrypted in parallel on every core).
    /// </summary>
    public abstract IReadOnlyList<PartyFeedChange> Open(Func<long, bool> alreadyApplied);
}

/// <summary>
/// One change as the index applies it: the party as stored now, or null when it is deleted, purged (its data key
/// destroyed) or gone.
/// </summary>
public sealed record PartyFeedChange(long Seq, Guid OrganisationId, Guid PartyId, PartyRecord? Party);
