using System.Collections.Concurrent;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Representatives;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Matching;

/// <summary>The name and id of a representative as matching reports them.</summary>
public sealed record RepresentativeSummary(Guid Id, string DisplayName);

/// <summary>
/// The pre-digested matching facts (languages, courts, dockets, relief experience, unavailability, capacity, whether
/// they may practise today) of every representative profile of an organisation, kept in memory per process so that
/// ranking and placement do not load and convert thousands of profiles (owned JSON collections) on every request.
/// <para>
/// Every read first runs one cheap stamp query: the organisation's profile count and the sum of their
/// <see cref="RepresentativeProfile.Revision"/> (bumped on every profile write; profiles are never deleted). A
/// different stamp, or a new day (authorisation to practise depends on the date), reloads the organisation. So several
/// servers, each with its own cache, return the same results as soon as a write is committed anywhere. The current
/// load (active assignments) is not cached: it is read by one grouped query per request.
/// </para>
/// </summary>
public sealed class RepresentativeFactsCache
{
    private readonly ConcurrentDictionary<Guid, Snapshot> _snapshots = new();
    private int _loads;

    /// <summary>How many times an organisation's facts were (re)loaded from the database (for tests and diagnostics).</summary>
    public int Loads => _loads;

    /// <summary>The facts of every profile of the organisation, ordered by id, with ActiveCases = 0.</summary>
    public async Task<Snapshot> GetAsync(IApplicationDbContext db, Guid organisationId, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stamp = await StampAsync(db, organisationId, ct);
        if (_snapshots.TryGetValue(organisationId, out var cached) && cached.Stamp == stamp && cached.Day == today)
        {
            return cached;
        }

        var profiles = await db.Set<RepresentativeProfile>().AsNoTracking()
            .Where(p => p.OrganisationId == organisationId).OrderBy(p => p.Id).ToListAsync(ct);

        // The stamp that goes with what was read: a write between the two queries leaves an older stamp on newer data,
        // which only costs one more reload on the next request.
        var snapshot = new Snapshot(
            (profiles.Count, profiles.Sum(p => (long)p.Revision)) == stamp ? stamp : (-1, -1),
            today,
            [.. profiles.Select(p => new RepresentativeSummary(p.Id, p.DisplayName))],
            [.. profiles.Select(p => MatchRepresentative.From(p, 0, today))]);
        Interlocked.Increment(ref _loads);
        _snapshots[organisationId] = snapshot;
        return snapshot;
    }

    /// <summary>Forgets every organisation (tests).</summary>
    public void Clear() => _snapshots.Clear();

    private static async Task<(int Count, long Revisions)> StampAsync(IApplicationDbContext db, Guid organisationId, CancellationToken ct)
    {
        var row = await db.Set<RepresentativeProfile>().AsNoTracking()
            .Where(p => p.OrganisationId == organisationId)
            .GroupBy(p => p.OrganisationId)
            .Select(g => new { Count = g.Count(), Revisions = g.Sum(p => (long)p.Revision) })
            .FirstOrDefaultAsync(ct);
        return row is null ? (0, 0) : (row.Count, row.Revisions);
    }

    /// <summary>One organisation's profiles as matching sees them: parallel lists ordered by profile id.</summary>
    public sealed record Snapshot(
        (int Count, long Revisions) Stamp,
        DateOnly Day,
        IReadOnlyList<RepresentativeSummary> Summaries,
        IReadOnlyList<MatchRepresentative> Facts);
}
