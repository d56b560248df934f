using System.Collections.Concurrent;
using System.Runtime;
using CounselConnect.Application.Conflicts.Matching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CounselConnect.Application.Conflicts;

/// <summary>
/// One in-memory <see cref="ConflictIndex"/> per organisation, kept identical to the database on every server by
/// replaying the party change feed (<see cref="PartyChange"/>) in sequence order from where it last stopped.
/// Rows that commit out of sequence order (concurrent transactions on PostgreSQL or SQL Server, e.g. an intake
/// committing while an import batch of thousands of rows commits) are caught by a check of a wide window of recent
/// sequence numbers, at most once a second: the changes stored in it are counted, and only when there are more than
/// the cache applied from it are the window's keys read to find the oldest change it lacks, and the feed re-read from
/// that change on, skipping the ones already applied.
/// <para>
/// There is one shared catch-up per server, never a lock around searches: a search asks for a catch-up pass that
/// starts after the search itself did (so it sees every change committed before it) and waits for it at most
/// <see cref="MaxWait"/>. Normally a pass takes milliseconds and every server answers from the same committed
/// feed. Right after a bulk import (a million changes take tens of seconds to apply) the search answers after that
/// second from the parties applied so far, which are always a prefix of the feed in sequence order, while the pass
/// goes on in the background; the import job and every server's <c>ConflictIndexWarmup</c> start that pass
/// without waiting for a search. The index's own reader-writer lock lets searches run between the pass's writes.
/// </para>
/// <para>
/// After bulk work (an import, or the first load at start-up: <see cref="DefaultCompactAfter"/> changes or more, in
/// passes of <see cref="QuietBelow"/> or more; everyday intakes never count) the
/// first pass that finds the feed quiet for <see cref="QuietFor"/> compacts memory once: the indexes drop their spare
/// capacity and the GC runs one aggressive, compacting collection. Without it the server GC keeps the heap it grew for
/// the bulk work (the sealed and opened import file, the feed's pages, resized tables): with a million parties loaded
/// that was 1.6 GiB resident for about 0.5 GiB of live objects (docs/benchmarks.md, "Service memory with the million
/// loaded").
/// </para>
/// </summary>
/// <param name="pageSize">Changes read per page of the feed (tests use small pages to cross many page boundaries).</param>
/// <param name="compactAfter">Changes applied since the last compaction that make the next quiet pass compact.</param>
public sealed class ConflictIndexCache(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ConflictIndexCache> logger,
    int pageSize = ConflictIndexCache.DefaultPageSize, int compactAfter = ConflictIndexCache.DefaultCompactAfter)
    : IDisposable
{
    /// <summary>The longest a search waits for the catch-up before answering from the index as it is.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);

    private const int Window = 20_000;
    /// <summary>Changes per page of the feed: one query, one parallel decryption, one bulk apply each.</summary>
    public const int DefaultPageSize = 20_000;
    private const int LogAbove = 10_000;

    /// <summary>Changes applied since the last compaction above which a quiet feed triggers one (see the class remarks).</summary>
    public const int DefaultCompactAfter = 100_000;

    /// <summary>A pass that applies fewer changes than this leaves the feed "quiet" (an import applies thousands per pass).</summary>
    public const int QuietBelow = 1_000;

    /// <summary>How long the feed must have been quiet before compacting: the warm-up polls every 2 s, so 2 to 3 polls.</summary>
    public static readonly TimeSpan QuietFor = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan WindowRescanInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<Guid, ConflictIndex> _indexes = new();
    private readonly Lock _gate = new();
    private readonly HashSet<long> _applied = [];
    private Task _pass = Task.CompletedTask;
    private bool _running;
    private bool _again;
    private long _high;
    private long _lastWindowScan;
    private long _appliedSinceCompaction;
    private long _lastBusy;
    private int _compactions;
    private long _windowRereads;
    private long _rowsRead;

    public long AppliedSequence => Volatile.Read(ref _high);

    /// <summary>How many window rescans found a late-committed change and re-read the feed from it.</summary>
    public long WindowRereads => Interlocked.Read(ref _windowRereads);

    /// <summary>How many rows of the feed this cache has read, those it had applied already included (diagnostics and tests).</summary>
    public long RowsRead => Interlocked.Read(ref _rowsRead);

    /// <summary>How many times this cache has compacted memory after bulk work.</summary>
    public int Compactions => Volatile.Read(ref _compactions);

    /// <summary>Searches one organisation's parties after catching up with the change feed (waiting at most <see cref="MaxWait"/>).</summary>
    public async Task<IReadOnlyList<ScoredCandidate>> SearchAsync(Guid organisationId, ConflictQuery query, int maxResults, CancellationToken ct) =>
        (await SearchAsync(organisationId, [query], maxResults, ct))[0];

    /// <summary>
    /// Searches one organisation's parties for each query (a person and the people related to them) after one catch-up
    /// with the change feed, so the queries of one check see the same feed and wait for one pass, not one each.
    /// </summary>
    public Task<IReadOnlyList<IReadOnlyList<ScoredCandidate>>> SearchAsync(Guid organisationId, IReadOnlyList<ConflictQuery> queries, int maxResults,
        CancellationToken ct) =>
        SearchAsync(organisationId, queries, maxResults, null, ct);

    /// <summary>
    /// As <see cref="SearchAsync(Guid, IReadOnlyList{ConflictQuery}, int, CancellationToken)"/>, scored for the
    /// organisation's <paramref name="thresholds"/> (see <see cref="ConflictIndex.Search"/>); the default ones when null.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<ScoredCandidate>>> SearchAsync(Guid organisationId, IReadOnlyList<ConflictQuery> queries, int maxResults,
        MatchThresholds? thresholds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var pass = RequestCatchUp();
        try
        {
            await pass.WaitAsync(MaxWait, clock, ct);
        }
        catch (TimeoutException)
        {
            // Far behind (a bulk import just committed): answer from what is applied; the pass carries on.
        }

        var index = _indexes.GetValueOrDefault(organisationId);
        return [.. queries.Select(q => index is null ? [] : index.Search(q, maxResults, thresholds))];
    }

    public int CountFor(Guid organisationId) => _indexes.TryGetValue(organisationId, out var index) ? index.Count : 0;

    /// <summary>Applies every party change committed before this call (waiting for the shared pass).</summary>
    public Task CatchUpAsync(CancellationToken ct) => RequestCatchUp().WaitAsync(ct);

    /// <summary>
    /// Starts the shared catch-up, or asks the running one for another round, without waiting: the returned task
    /// completes once a round that began after this call has applied the feed to its end.
    /// </summary>
    public Task RequestCatchUp()
    {
        lock (_gate)
        {
            if (!_running)
            {
                _running = true;
                _pass = Task.Run(RunPassesAsync);
            }
            else
            {
                _again = true;
            }

            return _pass;
        }
    }

    private async Task RunPassesAsync()
    {
        while (true)
        {
            lock (_gate)
            {
                _again = false;
            }

            var started = clock.GetTimestamp();
            long applied;
            try
            {
                applied = await CatchUpOnceAsync(CancellationToken.None);
            }
            catch
            {
                lock (_gate)
                {
                    _running = false;
                }

                throw;
            }

            if (applied >= LogAbove)
            {
                logger.LogInformation("Conflict index applied {Changes} changes in {Elapsed}, up to change {Sequence}",
                    applied, clock.GetElapsedTime(started), AppliedSequence);
            }

            CompactAfterBulkWork(applied);

            lock (_gate)
            {
                if (!_again)
                {
                    // Decided under the lock, so a request arriving now starts a new pass instead of being lost.
                    _running = false;
                    return;
                }
            }
        }
    }

    private async Task<long> CatchUpOnceAsync(CancellationToken ct)
    {
        long applied = 0;
        await using var scope = scopes.CreateAsyncScope();
        var feed = scope.ServiceProvider.GetRequiredService<IPartyChangeFeed>();
        var from = _high;
        if (clock.GetElapsedTime(_lastWindowScan) >= WindowRescanInterval)
        {
            _lastWindowScan = clock.GetTimestamp();
            var windowStart = Math.Max(0, _high - Window);

            // The feed is append-only and every applied change is stored, so the window holds a late change exactly
            // when it holds more changes than were applied from it: one count on the key instead of re-reading 20,000
            // rows (measured: that re-read was most of the database time of an intake under load).
            var appliedInWindow = _applied.Count(s => s > windowStart);
            if (await feed.CountAsync(windowStart, _high, ct) != appliedInWindow
                && await feed.FirstUnappliedAsync(windowStart, _high, _applied.Contains, ct) is { } late)
            {
                // Re-read from the oldest late change on, not from the window's start: under steady intakes some change
                // commits late almost every second, and re-reading the whole window (its rows joined to the parties'
                // ciphertext) was the largest statement of an intake in PostgreSQL (docs/benchmarks.md).
                from = late - 1;
                Interlocked.Increment(ref _windowRereads);
            }
        }

        // Two stages: while one page is opened (decrypted on every core) and applied, the next one is read. The first
        // page (the window rescan, mostly changes applied already) is read before anything is applied in this pass,
        // so its read may consult _applied; the later ones run beside Apply and must not.
        var next = Task.Run(() => feed.ReadAsync(from, pageSize, _applied.Contains, ct), ct);
        try
        {
            while (true)
            {
                var page = await next;
                Interlocked.Add(ref _rowsRead, page.RowsRead);
                next = page.RowsRead < pageSize ? null : Task.Run(() => feed.ReadAsync(page.LastSeq, pageSize, null, ct), ct);
                var changes = page.Open(_applied.Contains);
                if (changes.Count > 0)
                {
                    Apply(changes);
                    applied += changes.Count;
                }

                if (page.RowsRead > 0)
                {
                    Volatile.Write(ref _high, Math.Max(_high, page.LastSeq));
                    _applied.RemoveWhere(s => s <= _high - Window);
                }

                if (next is null)
                {
                    return applied;
                }
            }
        }
        finally
        {
            // Never leave a read running on the scope's connection after the scope is gone.
            if (next is not null)
            {
                await next.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    /// <summary>
    /// Called by the single pass runner after each pass. Once bulk passes (each applying <see cref="QuietBelow"/>
    /// changes or more) have applied <paramref name="compactAfter"/> changes or more since the last compaction and the
    /// feed has then stayed quiet for <see cref="QuietFor"/>, the bulk work is over: trim the indexes and give the GC's
    /// spare memory back to the operating system, once. A blocking collection of the whole heap pauses the process
    /// (1.8 to 3.4 s with a million parties, measured on a loaded 2-core machine), so never during the bulk work itself,
    /// never per change, and never for everyday traffic: the few changes a pass applies while intakes arrive do not
    /// count, however many they add up to (counted, a day of intakes would pause a busy server every 100,000 parties).
    /// </summary>
    private void CompactAfterBulkWork(long applied)
    {
        if (applied >= QuietBelow)
        {
            _appliedSinceCompaction += applied;
            _lastBusy = clock.GetTimestamp();
            return;
        }

        if (_appliedSinceCompaction < compactAfter || clock.GetElapsedTime(_lastBusy) < QuietFor)
        {
            return;
        }

        var changes = _appliedSinceCompaction;
        _appliedSinceCompaction = 0;
        var started = clock.GetTimestamp();
        foreach (var index in _indexes.Values)
        {
            index.TrimExcess();
        }

        // Deliberate: the server GC otherwise keeps the heap it grew for the one-off bulk work (measured: 1.6 GiB
        // resident for about 0.5 GiB live after a million-row import). Aggressive mode compacts every generation,
        // the large object heap included, and decommits what is free.
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Interlocked.Increment(ref _compactions);
        logger.LogInformation("Conflict index compacted memory after {Changes} changes in {Elapsed}: managed heap {HeapMiB} MiB",
            changes, clock.GetElapsedTime(started), GC.GetTotalMemory(forceFullCollection: false) / (1024 * 1024));
    }

    /// <summary>
    /// Applies a page of fresh changes. Every change of a page carries its party as stored now, so only the last
    /// change of each party in the page decides (that is what applying them one by one would leave); they are
    /// applied per organisation in sequence order, in bulk.
    /// </summary>
    private void Apply(IReadOnlyList<PartyFeedChange> changes)
    {
        var last = new Dictionary<Guid, int>(changes.Count);
        for (var i = 0; i < changes.Count; i++)
        {
            last[changes[i].PartyId] = i;
        }

        var byOrganisation = new Dictionary<Guid, List<IndexChange>>();
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            _applied.Add(change.Seq);
            if (last[change.PartyId] != i)
            {
                continue;
            }

            if (!byOrganisation.TryGetValue(change.OrganisationId, out var list))
            {
                byOrganisation[change.OrganisationId] = list = [];
            }

            list.Add(new IndexChange(change.PartyId, change.Party));
        }

        foreach (var (organisationId, list) in byOrganisation)
        {
            _indexes.GetOrAdd(organisationId, _ => new ConflictIndex()).Apply(list);
        }
    }

    public void Dispose()
    {
        foreach (var index in _indexes.Values)
        {
            index.Dispose();
        }
    }
}
