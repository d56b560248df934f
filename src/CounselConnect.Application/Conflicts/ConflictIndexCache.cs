using System.Collections.Concurrent;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Conflicts.Matching;
using CounselConnect.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.Application.Conflicts;

/// <summary>
/// One in-memory <see cref="ConflictIndex"/> per organisation, kept identical to the database on every server:
/// before each search the server replays the party change feed (<see cref="PartyChange"/>) from where it last
/// stopped. Rows that commit out of sequence order (concurrent transactions on PostgreSQL or SQL Server, e.g. an
/// intake committing while an import batch of thousands of rows commits) are caught by re-reading a wide window of
/// recent sequence numbers, at most once a second, and skipping the ones already applied; every other search reads
/// only what is newer than the last sequence applied.
/// </summary>
public sealed class ConflictIndexCache(IServiceScopeFactory scopes, TimeProvider clock, IKeyRingPreloader keys) : IDisposable
{
    private const int Window = 20_000;
    private const int PageSize = 5000;
    private static readonly TimeSpan WindowRescanInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<Guid, ConflictIndex> _indexes = new();
    private readonly SemaphoreSlim _sync = new(1, 1);
    private readonly HashSet<long> _applied = [];
    private long _high;
    private long _lastWindowScan;

    public long AppliedSequence => Volatile.Read(ref _high);

    /// <summary>Searches one organisation's parties after catching up with the change feed.</summary>
    public async Task<IReadOnlyList<ScoredCandidate>> SearchAsync(Guid organisationId, ConflictQuery query, int maxResults, CancellationToken ct)
    {
        await CatchUpAsync(ct);
        return _indexes.TryGetValue(organisationId, out var index) ? index.Search(query, maxResults) : [];
    }

    public int CountFor(Guid organisationId) => _indexes.TryGetValue(organisationId, out var index) ? index.Count : 0;

    /// <summary>Applies every party change not yet applied on this server.</summary>
    public async Task CatchUpAsync(CancellationToken ct)
    {
        await _sync.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
            var rescan = clock.GetElapsedTime(_lastWindowScan) >= WindowRescanInterval;
            if (rescan)
            {
                _lastWindowScan = clock.GetTimestamp();
            }

            var from = rescan ? Math.Max(0, _high - Window) : _high;
            while (true)
            {
                var changes = await db.Set<PartyChange>().AsNoTracking()
                    .Where(c => c.Seq > from)
                    .OrderBy(c => c.Seq)
                    .Take(PageSize)
                    .ToListAsync(ct);
                var fresh = changes.Where(c => !_applied.Contains(c.Seq)).ToList();
                if (fresh.Count > 0)
                {
                    await ApplyAsync(db, fresh, ct);
                }

                if (changes.Count > 0)
                {
                    from = changes[^1].Seq;
                    _high = Math.Max(_high, from);
                    _applied.RemoveWhere(s => s <= _high - Window);
                }

                if (changes.Count < PageSize)
                {
                    break;
                }
            }
        }
        finally
        {
            _sync.Release();
        }
    }

    private async Task ApplyAsync(IApplicationDbContext db, List<PartyChange> changes, CancellationToken ct)
    {
        var ids = changes.Select(c => c.PartyId).Distinct().ToList();
        await keys.PreloadForPartiesAsync(ids, ct);
        var parties = await db.Set<Party>().AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, ct);

        foreach (var change in changes)
        {
            var index = _indexes.GetOrAdd(change.OrganisationId, _ => new ConflictIndex());
            if (!change.Deleted && parties.TryGetValue(change.PartyId, out var p) && !p.IsErased)
            {
                index.Upsert(new PartyRecord(p.Id, SplitGiven(p.GivenNames), p.FamilyNames, p.Aliases, p.DateOfBirth, p.ANumber));
            }
            else
            {
                index.Remove(change.PartyId);
            }

            _applied.Add(change.Seq);
        }
    }

    private static string[] SplitGiven(string givenNames) =>
        givenNames.Length == 0 ? [] : [givenNames];

    public void Dispose()
    {
        foreach (var index in _indexes.Values)
        {
            index.Dispose();
        }

        _sync.Dispose();
    }
}
