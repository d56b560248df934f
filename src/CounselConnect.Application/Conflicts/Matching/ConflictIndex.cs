using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace CounselConnect.Application.Conflicts.Matching;

/// <summary>
/// Thread-safe in-memory conflict index. Parties are found through their blocking keys only: each key passes
/// through <see cref="IBlockingKeyProtector"/> and is then reduced to a 64-bit fingerprint, so retrieval is by
/// exact equality of protected keys (a fingerprint collision can only add a candidate, which scoring then
/// judges). Keys shared by more than <see cref="ConflictIndexOptions.MaxPostingsPerKey"/> parties are skipped at
/// search time so that common names do not flood the candidates, except the full-name key (<c>f:</c>, held only by
/// people with exactly the same given and family names), which is used up to
/// <see cref="ConflictIndexOptions.MaxPostingsPerFullName"/> parties, so an identical namesake is still a candidate
/// when every other key of a very common name is skipped; the best-supported candidates are then scored
/// by <see cref="PartyMatcher"/> and ranked by score, then party id (the same on every server).
/// </summary>
public sealed class ConflictIndex : IDisposable
{
    private readonly IBlockingKeyProtector _protector;
    private readonly ConflictIndexOptions _options;
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<ulong, Posting> _postings = [];
    private readonly Dictionary<Guid, int> _slotById = [];
    private readonly List<PreparedPerson?> _slots = [];
    private readonly Stack<int> _freeSlots = new();
    private readonly ConcurrentBag<SearchScratch> _scratch = [];

    public ConflictIndex(IBlockingKeyProtector? protector = null, ConflictIndexOptions? options = null)
    {
        _protector = protector ?? IdentityBlockingKeyProtector.Instance;
        _options = options ?? new ConflictIndexOptions();
    }

    /// <summary>Number of parties held.</summary>
    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _slotById.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Adds a party, or replaces the one with the same id.</summary>
    public void Upsert(PartyRecord party)
    {
        ArgumentNullException.ThrowIfNull(party);
        var prepared = PreparedPerson.From(party);
        var hashes = ProtectedHashes(prepared, query: false);
        _lock.EnterWriteLock();
        try
        {
            UpsertUnlocked(prepared, hashes);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// Applies many changes in their order (a party to add or replace, or null to remove the id): the names are
    /// prepared and their keys protected in parallel outside the lock, then the postings are changed under one
    /// write lock per <see cref="ApplyChunk"/> changes, so searches still get in between chunks. The result is the
    /// same as calling <see cref="Upsert"/> and <see cref="Remove"/> one by one in that order.
    /// </summary>
    public void Apply(IReadOnlyList<IndexChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        var prepared = new PreparedPerson?[changes.Count];
        var hashes = new ulong[]?[changes.Count];
        Parallel.ForEach(Partitioner.Create(0, changes.Count, 512), range =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
            {
                if (changes[i].Party is { } party)
                {
                    prepared[i] = PreparedPerson.From(party);
                    hashes[i] = ProtectedHashes(prepared[i]!, query: false);
                }
            }
        });

        for (var start = 0; start < changes.Count; start += ApplyChunk)
        {
            var end = Math.Min(changes.Count, start + ApplyChunk);
            _lock.EnterWriteLock();
            try
            {
                for (var i = start; i < end; i++)
                {
                    if (prepared[i] is { } person)
                    {
                        UpsertUnlocked(person, hashes[i]!);
                    }
                    else
                    {
                        RemoveUnlocked(changes[i].PartyId);
                    }
                }
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }
    }

    /// <summary>
    /// Drops the spare capacity the tables grew while loading (a dictionary of a million entries doubles to room for
    /// about 1.4 million): called once after bulk work, under the write lock (tens of milliseconds for a million).
    /// Slots keep their numbers, so nothing else changes.
    /// </summary>
    public void TrimExcess()
    {
        _lock.EnterWriteLock();
        try
        {
            _postings.TrimExcess();
            _slotById.TrimExcess();
            _slots.TrimExcess();
            _freeSlots.TrimExcess();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Spare entries the tables hold beyond what they contain (for tests of <see cref="TrimExcess"/>).</summary>
    public int SpareCapacity
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _postings.Capacity - _postings.Count + _slotById.Capacity - _slotById.Count + _slots.Capacity - _slots.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Changes applied under one hold of the write lock by <see cref="Apply"/> (a few milliseconds).</summary>
    public const int ApplyChunk = 4096;

    private void UpsertUnlocked(PreparedPerson prepared, ulong[] hashes)
    {
        if (_slotById.TryGetValue(prepared.Id, out var existing))
        {
            RemoveKeys(existing);
            _slots[existing] = prepared;
            AddKeys(existing, hashes);
            return;
        }

        int slot;
        if (_freeSlots.Count > 0)
        {
            slot = _freeSlots.Pop();
            _slots[slot] = prepared;
        }
        else
        {
            slot = _slots.Count;
            _slots.Add(prepared);
        }

        _slotById[prepared.Id] = slot;
        AddKeys(slot, hashes);
    }

    /// <summary>Removes a party; false when it was not held.</summary>
    public bool Remove(Guid partyId)
    {
        _lock.EnterWriteLock();
        try
        {
            return RemoveUnlocked(partyId);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private bool RemoveUnlocked(Guid partyId)
    {
        if (!_slotById.Remove(partyId, out var slot))
        {
            return false;
        }

        RemoveKeys(slot);
        _slots[slot] = null;
        _freeSlots.Push(slot);
        return true;
    }

    /// <summary>
    /// Ranked candidates for a query, best first (score, then party id), scored for the thresholds they will be judged
    /// by (the organisation's; the default ones when null): an identical full name is lifted to just over their
    /// potential threshold (<see cref="IdenticalNameLift"/>), so it ranks with what is shown.
    /// </summary>
    public IReadOnlyList<ScoredCandidate> Search(ConflictQuery query, int maxResults = 10, MatchThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResults, 1);
        var lift = thresholds is null ? IdenticalNameLift.Default : IdenticalNameLift.For(thresholds);
        if (!_scratch.TryTake(out var scratch))
        {
            scratch = new SearchScratch();
        }

        List<(PreparedPerson Party, MatchResult Result)> best;
        try
        {
            var prepared = new PreparedQuery(query, scratch.Similarities);
            var keys = prepared.Keys;
            var hashes = new ulong[keys.Count];
            for (var k = 0; k < keys.Count; k++)
            {
                hashes[k] = KeyFingerprint.Of(_protector.Protect(keys[k].Key));
            }

            var hits = scratch.Hits;
            _lock.EnterReadLock();
            try
            {
                hits.Reserve(_slots.Count);
                var counts = new Dictionary<string, int>(keys.Count, StringComparer.Ordinal);
                for (var k = 0; k < keys.Count; k++)
                {
                    if (!_postings.TryGetValue(hashes[k], out var posting))
                    {
                        continue;
                    }

                    counts[keys[k].Key] = posting.Count;
                    var cap = keys[k].Key.StartsWith(BlockingKeys.FullNamePrefix, StringComparison.Ordinal)
                        ? _options.MaxPostingsPerFullName
                        : _options.MaxPostingsPerKey;
                    if (posting.Count > cap)
                    {
                        continue;
                    }

                    var weight = keys[k].Weight;
                    if (posting.Count == 1)
                    {
                        hits.Add(posting.Single, weight);
                    }
                    else
                    {
                        var items = posting.Items!;
                        for (var i = 0; i < posting.Count; i++)
                        {
                            hits.Add(items[i], weight);
                        }
                    }
                }

                if (hits.Count == 0)
                {
                    return [];
                }

                prepared.ComputeWeights(new SnapshotStatistics(_slotById.Count, counts, this));
                var candidates = SelectCandidates(scratch, _options.MaxCandidatesScored);
                best = new List<(PreparedPerson, MatchResult)>(maxResults + 1);
                foreach (var party in candidates)
                {
                    var result = PartyMatcher.Score(prepared, party, lift);
                    Insert(best, (party, result), maxResults);
                }
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
        finally
        {
            scratch.Clear();
            _scratch.Add(scratch);
        }

        return best.Select(b => new ScoredCandidate(b.Party.Id, b.Result.Score, MatchReasonText.ToText(b.Result.Reasons))).ToList();
    }

    /// <summary>How many parties carry a (plaintext) key; used for IDF-like weights. Caller holds the lock.</summary>
    private int CountOfUnlocked(string key) =>
        _postings.TryGetValue(KeyFingerprint.Of(_protector.Protect(key)), out var p) ? p.Count : 0;

    private static void Insert(List<(PreparedPerson Party, MatchResult Result)> best, (PreparedPerson Party, MatchResult Result) item, int max)
    {
        var i = best.Count;
        while (i > 0 && Ranks(item, best[i - 1]))
        {
            i--;
        }

        if (i >= max)
        {
            return;
        }

        best.Insert(i, item);
        if (best.Count > max)
        {
            best.RemoveAt(best.Count - 1);
        }
    }

    private static bool Ranks((PreparedPerson Party, MatchResult Result) x, (PreparedPerson Party, MatchResult Result) y) =>
        x.Result.Score != y.Result.Score ? x.Result.Score > y.Result.Score : x.Party.Id.CompareTo(y.Party.Id) < 0;

    /// <summary>
    /// The candidates to score, in the scratch's list (valid until it is cleared): those with the most key support;
    /// ties at the cut are decided by party id, never by slot order. Caller holds the lock.
    /// </summary>
    private List<PreparedPerson> SelectCandidates(SearchScratch scratch, int max)
    {
        var hits = scratch.Hits;
        var result = scratch.Candidates;
        var slots = hits.Slots;
        if (hits.Count <= max)
        {
            foreach (var slot in slots)
            {
                result.Add(_slots[slot]!);
            }

            return result;
        }

        // Find the support level at the cut with a histogram instead of sorting every candidate.
        var top = 0;
        foreach (var slot in slots)
        {
            top = Math.Max(top, hits.SupportOf(slot));
        }

        var histogram = new int[top + 1];
        foreach (var slot in slots)
        {
            histogram[hits.SupportOf(slot)]++;
        }

        var cut = top;
        var above = 0;
        while (cut > 0 && above + histogram[cut] < max)
        {
            above += histogram[cut];
            cut--;
        }

        var atCut = scratch.AtCut;
        foreach (var slot in slots)
        {
            var h = hits.SupportOf(slot);
            if (h > cut)
            {
                result.Add(_slots[slot]!);
            }
            else if (h == cut)
            {
                atCut.Add(_slots[slot]!);
            }
        }

        atCut.Sort(static (x, y) => x.Id.CompareTo(y.Id));
        for (var i = 0; result.Count < max; i++)
        {
            result.Add(atCut[i]);
        }

        return result;
    }

    private ulong[] ProtectedHashes(PreparedPerson person, bool query)
    {
        var keys = BlockingKeys.Collect(person, query);
        var hashes = new ulong[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            hashes[i] = KeyFingerprint.Of(_protector.Protect(keys[i].Key));
        }

        return hashes;
    }

    private void AddKeys(int slot, ulong[] hashes)
    {
        foreach (var h in hashes)
        {
            ref var posting = ref CollectionsMarshal.GetValueRefOrAddDefault(_postings, h, out _);
            posting.Add(slot);
        }
    }

    private void RemoveKeys(int slot)
    {
        var old = _slots[slot];
        if (old is null)
        {
            return;
        }

        foreach (var h in ProtectedHashes(old, query: false))
        {
            ref var posting = ref CollectionsMarshal.GetValueRefOrNullRef(_postings, h);
            if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref posting))
            {
                continue;
            }

            posting.Remove(slot);
            if (posting.Count == 0)
            {
                _postings.Remove(h);
            }
        }
    }

    public void Dispose() => _lock.Dispose();

    /// <summary>Parties carrying one key: the first is held inline (most keys, like A-numbers, have one).</summary>
    private struct Posting
    {
        public int Count;
        public int Single;
        public int[]? Items;

        public void Add(int slot)
        {
            if (Count == 0)
            {
                Single = slot;
                Count = 1;
                return;
            }

            if (Items is null)
            {
                Items = new int[4];
                Items[0] = Single;
            }
            else if (Count == Items.Length)
            {
                Array.Resize(ref Items, Count * 2);
            }

            Items[Count++] = slot;
        }

        public void Remove(int slot)
        {
            if (Items is null)
            {
                if (Count == 1 && Single == slot)
                {
                    Count = 0;
                }

                return;
            }

            var i = Array.IndexOf(Items, slot, 0, Count);
            if (i < 0)
            {
                return;
            }

            Items[i] = Items[--Count];
            if (Count == 1)
            {
                Single = Items[0];
                Items = null;
            }
        }
    }

    /// <summary>
    /// What one search works in, kept for the next (one per search running at the same moment): the hit counts, and
    /// the token comparisons and candidate lists, which a search used to allocate anew each time; an intake runs two
    /// searches (docs/benchmarks.md, "Allocations per intake, by source").
    /// </summary>
    private sealed class SearchScratch
    {
        /// <summary>Candidate lists that grew past this for one search are let go when cleared.</summary>
        private const int KeptCandidates = 4_096;

        public HitCounts Hits { get; } = new();

        public TokenSimilarities Similarities { get; } = new();

        public List<PreparedPerson> Candidates { get; private set; } = [];

        public List<PreparedPerson> AtCut { get; private set; } = [];

        public void Clear()
        {
            Hits.Clear();
            Similarities.Clear();
            Candidates = Cleared(Candidates);
            AtCut = Cleared(AtCut);
        }

        private static List<PreparedPerson> Cleared(List<PreparedPerson> list)
        {
            if (list.Capacity > KeptCandidates)
            {
                return [];
            }

            list.Clear();
            return list;
        }
    }

    /// <summary>
    /// The key support of every slot one search hits, and the slots in the order first hit: an array indexed by slot
    /// instead of a dictionary (hashing every posting of every key was a tenth of a millisecond of an intake's check
    /// under load). Kept between searches and cleared by the slots hit, so a search costs what it hits, not the size of
    /// the index; one per search running at the same moment, each of 4 bytes per slot.
    /// </summary>
    private sealed class HitCounts
    {
        // Support + 1 for a slot hit (a key of weight 0 still makes a candidate); 0 for a slot not hit.
        private int[] _support = [];
        private int[] _hitSlots = new int[256];

        public int Count { get; private set; }

        public ReadOnlySpan<int> Slots => _hitSlots.AsSpan(0, Count);

        /// <summary>Room for every slot of the index (called under its lock, so the slot count holds for the search).</summary>
        public void Reserve(int slotCount)
        {
            if (_support.Length < slotCount)
            {
                // Cleared already (Clear runs after every search): only the new length matters.
                _support = new int[Math.Max(slotCount, _support.Length * 2)];
            }
        }

        public void Add(int slot, int weight)
        {
            ref var support = ref _support[slot];
            if (support == 0)
            {
                if (Count == _hitSlots.Length)
                {
                    Array.Resize(ref _hitSlots, Count * 2);
                }

                _hitSlots[Count++] = slot;
                support = 1;
            }

            support += weight;
        }

        public int SupportOf(int slot) => _support[slot] - 1;

        public void Clear()
        {
            foreach (var slot in Slots)
            {
                _support[slot] = 0;
            }

            Count = 0;
        }
    }

    private sealed class SnapshotStatistics(int population, Dictionary<string, int> counts, ConflictIndex index) : INameStatistics
    {
        public int Population => population;

        public int CountOf(string key) =>
            counts.TryGetValue(key, out var c) ? c : index.CountOfUnlocked(key);
    }
}

/// <summary>One change for <see cref="ConflictIndex.Apply"/>: the party to add or replace, or null to remove <paramref name="PartyId"/>.</summary>
public readonly record struct IndexChange(Guid PartyId, PartyRecord? Party);

/// <summary>Tuning for <see cref="ConflictIndex"/>.</summary>
/// <param name="MaxPostingsPerKey">Keys carried by more parties than this are not used to find candidates.</param>
/// <param name="MaxCandidatesScored">At most this many candidates (those sharing the most keys) are scored.</param>
/// <param name="MaxPostingsPerFullName">
/// The full-name key (<c>f:</c>) is used up to this many parties, whatever <paramref name="MaxPostingsPerKey"/> says:
/// only people with exactly the same names hold it, so it is small even for very common names; a name held by more is
/// a placeholder ("Unknown Unknown"), not a person, and is skipped so one search never walks more than this.
/// </param>
public sealed record ConflictIndexOptions(int MaxPostingsPerKey = 2000, int MaxCandidatesScored = 300, int MaxPostingsPerFullName = 20_000);

/// <summary>64-bit fingerprint of a protected key (FNV-1a with a final avalanche).</summary>
internal static class KeyFingerprint
{
    public static ulong Of(string key)
    {
        var h = 14695981039346656037UL;
        foreach (var c in key)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h;
    }
}
