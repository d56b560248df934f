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
/// stopped. Rows that commit out of sequence order (concurrent transactions on PostgreSQL or SQL Server) are caught
/// by re-reading a window of recent sequence numbers and skipping the ones already applied.
/// </summary>
public sealed class ConflictIndexCache(IServiceScopeFactory scopes) : IDisposable
{
    private const int Window = 512;
    private const int PageSize = 5000;

    private readonly ConcurrentDictionary<Guid, ConflictIndex> _indexes = new();
    private readonly SemaphoreSlim _sync = new(1, 1);
    private readonly HashSet<long> _applied = [];
    private long _high;

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
            while (true)
            {
                var from = Math.Max(0, _high - Window);
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
                    _high = Math.Max(_high, changes[^1].Seq);
                    _applied.RemoveWhere(s => s <= _high - Window);
                }

                if (changes.Count < PageSize || fresh.Count == 0)
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
        var parties = await db.Set<Party>().AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.OrganisationId, p.GivenNames, p.FamilyNames, p.Aliases, p.DateOfBirth, p.ANumber })
            .ToDictionaryAsync(p => p.Id, ct);

        foreach (var change in changes)
        {
            var index = _indexes.GetOrAdd(change.OrganisationId, _ => new ConflictIndex());
            if (!change.Deleted && parties.TryGetValue(change.PartyId, out var p))
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
