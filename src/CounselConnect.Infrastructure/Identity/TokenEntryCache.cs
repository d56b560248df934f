using System.Collections.Concurrent;

namespace CounselConnect.Infrastructure.Identity;

/// <summary>
/// What the validation of an access token needs from its token entry (status and stored dates), kept in memory for
/// a few seconds so that an API request does not read the entry from the database each time (ADR 0016). Every revocation made on this server clears the cache at once
/// (<see cref="RevocationAwareTokenManager{TToken}"/>); a revocation made on another server is honoured here within
/// <see cref="Lifetime"/>. A lookup that began before a revocation does not store its result after it.
/// </summary>
public sealed class TokenEntryCache(TimeProvider clock, TimeSpan lifetime)
{
    /// <summary>The default window: how long a revocation on another server may take to reach this one.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(15);

    private const int MaxEntries = 50_000;

    private readonly ConcurrentDictionary<string, (TokenEntrySnapshot Snapshot, long StoredAt)> _entries = new(StringComparer.Ordinal);
    private long _generation;

    public TimeSpan Lifetime => lifetime;

    public bool Enabled => lifetime > TimeSpan.Zero;

    /// <summary>A number that changes at every revocation on this server: take it before reading an entry, pass it to <see cref="Store"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet(string tokenId, out TokenEntrySnapshot snapshot)
    {
        if (Enabled && _entries.TryGetValue(tokenId, out var cached))
        {
            if (clock.GetElapsedTime(cached.StoredAt) < lifetime)
            {
                snapshot = cached.Snapshot;
                return true;
            }

            _entries.TryRemove(new KeyValuePair<string, (TokenEntrySnapshot, long)>(tokenId, cached));
        }

        snapshot = null!;
        return false;
    }

    public void Store(string tokenId, TokenEntrySnapshot snapshot, long generation)
    {
        if (!Enabled)
        {
            return;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[tokenId] = (snapshot, clock.GetTimestamp());
        if (Generation != generation)
        {
            // A revocation ran while the entry was being read: the snapshot may predate it.
            _entries.TryRemove(tokenId, out _);
        }
    }

    /// <summary>Forgets every entry; called after any revocation on this server.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }
}

/// <summary>The parts of a token entry the validation uses. <see cref="Found"/> is false when no entry exists.</summary>
public sealed record TokenEntrySnapshot(
    bool Found, bool Valid, bool HasReferenceId, DateTimeOffset? CreationDate, DateTimeOffset? ExpirationDate, string? AuthorizationId,
    string? TokenId, string? TokenType);
