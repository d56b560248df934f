using System.Globalization;
using CounselConnect.Application.Conflicts;
using CounselConnect.Application.Conflicts.Matching;
using CounselConnect.Application.Imports;
using CounselConnect.Domain.Organisations;
using CounselConnect.Domain.People;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Security;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CounselConnect.IntegrationTests.Imports;

/// <summary>
/// The conflict index's set-based catch-up (<see cref="IPartyChangeFeed"/>, <see cref="ConflictIndexCache"/>) after a
/// bulk import, on each engine: every imported party is found, a purge after the catch-up drops the party, and two
/// servers (two caches replaying the same feed) answer every check identically.
/// </summary>
public abstract class ConflictCatchUpTests<TFactory>(TFactory factory) where TFactory : CounselConnectFactory
{
    // Several bulk batches, feed pages of the second server (700) and index lock chunks; each check costs a feed query.
    private const int Count = 2400;

    protected TFactory Factory => factory;

    [Fact]
    public async Task Every_bulk_imported_party_is_searchable_after_the_catch_up()
    {
        var tag = Tag();
        var (organisationId, rows) = await ImportAsync(tag);
        using var cache = NewServer();
        await cache.CatchUpAsync(CancellationToken.None);
        var ids = await StoredIdsAsync(tag);
        Assert.Equal(Count, ids.Count);

        // Found among the best (equal scores rank by party id, so a namesake may come first).
        var missed = new List<string>();
        foreach (var row in rows)
        {
            var results = await cache.SearchAsync(organisationId, QueryFor(row), 10, CancellationToken.None);
            if (results.Count == 0 || !results.Any(r => r.PartyId == ids[row.ExternalId] && r.Score == results[0].Score))
            {
                missed.Add(row.ExternalId);
            }
        }

        Assert.Empty(missed);
    }

    [Fact]
    public async Task A_purge_after_the_catch_up_removes_the_party_on_this_server_and_on_a_new_one()
    {
        var tag = Tag();
        var (organisationId, rows) = await ImportAsync(tag);
        var cache = factory.Services.GetRequiredService<ConflictIndexCache>();
        await cache.CatchUpAsync(CancellationToken.None);
        var ids = await StoredIdsAsync(tag);
        var victim = rows[Count / 2];
        var query = QueryFor(victim);
        Assert.Contains(await cache.SearchAsync(organisationId, query, 10, CancellationToken.None), r => r.PartyId == ids[victim.ExternalId]);
        var before = cache.CountFor(organisationId);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // An imported party has a data key of its own, scoped to the party.
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<DataKeyShredder>().DestroyAsync(ids[victim.ExternalId], CancellationToken.None));
        }

        await cache.CatchUpAsync(CancellationToken.None);
        Assert.Equal(before - 1, cache.CountFor(organisationId));
        Assert.DoesNotContain(await cache.SearchAsync(organisationId, query, 10, CancellationToken.None), r => r.PartyId == ids[victim.ExternalId]);

        using var fresh = NewServer();
        await fresh.CatchUpAsync(CancellationToken.None);
        Assert.Equal(cache.CountFor(organisationId), fresh.CountFor(organisationId));
        Assert.DoesNotContain(await fresh.SearchAsync(organisationId, query, 10, CancellationToken.None), r => r.PartyId == ids[victim.ExternalId]);
    }

    [Fact]
    public async Task Two_servers_that_caught_up_answer_every_check_identically()
    {
        var tag = Tag();
        var (organisationId, rows) = await ImportAsync(tag);
        var first = factory.Services.GetRequiredService<ConflictIndexCache>();
        await first.CatchUpAsync(CancellationToken.None);
        using var second = NewServer();
        await second.CatchUpAsync(CancellationToken.None);
        Assert.Equal(first.CountFor(organisationId), second.CountFor(organisationId));

        // Loose queries (family name only, a shared given name) so that the rankings are long and ties are common.
        var queries = rows.Where((_, i) => i % 25 == 0)
            .SelectMany(r => new[]
            {
                new ConflictQuery([], r.FamilyNames, [], null, null),
                new ConflictQuery([r.GivenNames.Split(' ')[0]], [r.FamilyNames[0][..^2]], [], r.DateOfBirth, null),
            })
            .ToList();
        var compared = 0;
        foreach (var query in queries)
        {
            var a = await first.SearchAsync(organisationId, query, 10, CancellationToken.None);
            var b = await second.SearchAsync(organisationId, query, 10, CancellationToken.None);
            Assert.Equal(a.Select(r => (r.PartyId, r.Score, string.Join("; ", r.Reasons))), b.Select(r => (r.PartyId, r.Score, string.Join("; ", r.Reasons))));
            compared += a.Count;
        }

        Assert.True(compared > queries.Count, "The queries should find candidates.");
    }

    [Fact]
    public async Task Memory_is_compacted_once_after_bulk_work_when_the_feed_has_been_quiet()
    {
        var tag = Tag();
        var (organisationId, rows) = await ImportAsync(tag);
        var clock = new SteppedClock();
        using var cache = new ConflictIndexCache(factory.Services.GetRequiredService<IServiceScopeFactory>(), clock,
            NullLogger<ConflictIndexCache>.Instance, pageSize: 700, compactAfter: Count);

        // The bulk pass itself never compacts; nor does a quiet pass right after it.
        await cache.CatchUpAsync(CancellationToken.None);
        Assert.Equal(0, cache.Compactions);
        clock.Advance(ConflictIndexCache.QuietFor / 2);
        await cache.CatchUpAsync(CancellationToken.None);
        Assert.Equal(0, cache.Compactions);

        // Quiet long enough: once, and not again while nothing more arrives.
        clock.Advance(ConflictIndexCache.QuietFor);
        await cache.CatchUpAsync(CancellationToken.None);
        Assert.Equal(1, cache.Compactions);
        clock.Advance(ConflictIndexCache.QuietFor * 2);
        await cache.CatchUpAsync(CancellationToken.None);
        Assert.Equal(1, cache.Compactions);

        // The compacted index answers as before.
        var ids = await StoredIdsAsync(tag);
        var row = rows[Count / 3];
        var results = await cache.SearchAsync(organisationId, QueryFor(row), 10, CancellationToken.None);
        Assert.Contains(results, r => r.PartyId == ids[row.ExternalId] && r.Score == results[0].Score);
    }

    [Fact]
    public async Task Everyday_changes_never_compact_however_many_they_add_up_to()
    {
        var clock = new SteppedClock();
        using var cache = new ConflictIndexCache(factory.Services.GetRequiredService<IServiceScopeFactory>(), clock,
            NullLogger<ConflictIndexCache>.Instance, compactAfter: 3);
        await cache.CatchUpAsync(CancellationToken.None);
        clock.Advance(ConflictIndexCache.QuietFor * 2);
        await cache.CatchUpAsync(CancellationToken.None); // may compact once, if the feed already held a bulk import
        var compactions = cache.Compactions;

        // More single changes than compactAfter, each followed by a quiet spell: no blocking collection for them.
        var tag = Tag();
        for (var i = 0; i < 5; i++)
        {
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var organisationId = await db.Set<Organisation>().Select(o => o.Id).FirstAsync();
                db.Add(NewParty(organisationId, $"Daily{tag}{Letters(i)}"));
                await db.SaveChangesAsync();
            }

            await cache.CatchUpAsync(CancellationToken.None);
            clock.Advance(ConflictIndexCache.QuietFor * 2);
            await cache.CatchUpAsync(CancellationToken.None);
        }

        Assert.Equal(compactions, cache.Compactions);
    }

    protected static Party NewParty(Guid organisationId, string familyName) =>
        new(organisationId, "client", "Maria", [familyName], [], null, null, DateTime.UtcNow);

    [Fact]
    public async Task A_feed_page_counts_the_changes_already_applied_but_does_not_keep_them()
    {
        await ImportAsync(Tag());
        await using var scope = factory.Services.CreateAsyncScope();
        var feed = scope.ServiceProvider.GetRequiredService<IPartyChangeFeed>();
        var all = await feed.ReadAsync(0, 1000, null, CancellationToken.None);
        var skipping = await feed.ReadAsync(0, 1000, seq => seq % 2 == 0, CancellationToken.None);

        Assert.Equal(1000, all.RowsRead);
        Assert.Equal(all.RowsRead, skipping.RowsRead);
        Assert.Equal(all.LastSeq, skipping.LastSeq);
        // Opened with nothing filtered out: only what the read kept is there.
        var kept = skipping.Open(_ => false);
        Assert.Equal(all.Open(_ => false).Where(c => c.Seq % 2 != 0).Select(c => (c.Seq, c.PartyId, c.Party is null ? null : string.Join(" ", c.Party.FamilyNames))),
            kept.Select(c => (c.Seq, c.PartyId, c.Party is null ? null : string.Join(" ", c.Party.FamilyNames))));
        Assert.NotEmpty(kept);
    }

    /// <summary>A clock that moves only when told (timestamps in ticks of 100 ns).</summary>
    protected sealed class SteppedClock : TimeProvider
    {
        private long _ticks = TimeSpan.TicksPerDay;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    /// <summary>Letters only, since names are normalised to letters: unique invented surnames per test.</summary>
    protected static string Tag() => new([.. Guid.NewGuid().ToByteArray()[..8].Select(b => (char)('a' + (b % 26)))]);

    /// <summary>
    /// A second server's cache: its own index, replaying the same feed from the start, in pages of 700 changes so that
    /// the catch-up crosses many page boundaries (the server's own cache reads pages of 20,000).
    /// </summary>
    private ConflictIndexCache NewServer() =>
        new(factory.Services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, NullLogger<ConflictIndexCache>.Instance, pageSize: 700);

    private static ConflictQuery QueryFor(PartyImportCsv.Row row) =>
        new([row.GivenNames], row.FamilyNames, [], row.DateOfBirth, row.ANumber);

    /// <summary>Rows with invented surnames (unique per test), partial and full dates, aliases and A-numbers.</summary>
    private async Task<(Guid OrganisationId, List<PartyImportCsv.Row> Rows)> ImportAsync(string tag)
    {
        var rows = new List<PartyImportCsv.Row>(Count);
        var salt = Random.Shared.Next(1, 90_000_000);
        var given = new[] { "María José", "Wei", "Olena", "Abdullahi", "Nguyen Van", "Juan Carlos", "Fatima", "Pierre" };
        for (var i = 0; i < Count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            PartialDate? dob = (i % 4) switch
            {
                0 => PartialDate.Parse($"{1950 + (i % 50)}"),
                1 => PartialDate.Parse($"{1960 + (i % 40)}-{1 + (i % 12):00}"),
                2 => PartialDate.Parse($"{1970 + (i % 30)}-{1 + (i % 12):00}-{1 + (i % 28):00}"),
                _ => null,
            };
            rows.Add(new PartyImportCsv.Row($"cu-{tag}-{n}", "client", given[i % given.Length],
                [$"Q{tag}{Letters(i)}", i % 3 == 0 ? $"Z{tag}{Letters(i / 3)}" : string.Empty],
                i % 7 == 0 ? [$"Alias {Letters(i)}"] : [], dob,
                i % 2 == 0 ? ANumber.Parse($"A{300_000_000 + ((salt + (i * 7919)) % 99_999_999)}") : null, null));
        }

        rows = [.. rows.Select(r => r with { FamilyNames = [.. r.FamilyNames.Where(f => f.Length > 0)] })];
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var organisationId = await db.Set<Organisation>().Select(o => o.Id).FirstAsync();
        var writer = scope.ServiceProvider.GetRequiredService<IPartyBulkWriter>();
        Assert.True(writer.IsAvailable);
        foreach (var chunk in rows.Chunk(writer.BatchSize > 0 ? Math.Min(writer.BatchSize, 1500) : 1500))
        {
            await writer.WriteAsync(writer.Prepare(organisationId, chunk, DateTime.UtcNow), CancellationToken.None);
        }

        return (organisationId, rows);
    }

    /// <summary>Letters only (names are normalised to letters): a base-26 spelling of the number.</summary>
    protected static string Letters(int value)
    {
        var s = string.Empty;
        do
        {
            s = (char)('a' + (value % 26)) + s;
            value /= 26;
        }
        while (value > 0);
        return s;
    }

    private async Task<Dictionary<string, Guid>> StoredIdsAsync(string tag)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var prefix = $"cu-{tag}-";
        return await db.Set<Party>().AsNoTracking().Where(p => p.ExternalId!.StartsWith(prefix))
            .Select(p => new { p.ExternalId, p.Id }).ToDictionaryAsync(p => p.ExternalId!, p => p.Id);
    }
}

public sealed class SqliteConflictCatchUpTests(SqliteFactory factory) : ConflictCatchUpTests<SqliteFactory>(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresConflictCatchUpTests(PostgresFactory factory) : ConflictCatchUpTests<PostgresFactory>(factory), IClassFixture<PostgresFactory>
{
    /// <summary>
    /// A party whose change got its sequence number first but committed after a later one (two concurrent
    /// transactions; SQLite has one writer at a time, so only here) is missed by the catch-up that passed it, and found
    /// by the next window check, which re-reads the feed only then, and only from the late change on.
    /// </summary>
    [Fact]
    public async Task A_change_that_commits_after_a_later_one_is_found_by_the_next_window_check()
    {
        var tag = Tag();
        await using var lateScope = Factory.Services.CreateAsyncScope();
        var lateDb = lateScope.ServiceProvider.GetRequiredService<AppDbContext>();
        var organisationId = await lateDb.Set<Organisation>().Select(o => o.Id).FirstAsync();

        // Changes in the window before the late one: the re-read must not start at the window's bottom.
        await using (var fillScope = Factory.Services.CreateAsyncScope())
        {
            var fillDb = fillScope.ServiceProvider.GetRequiredService<AppDbContext>();
            fillDb.AddRange(Enumerable.Range(0, 40).Select(i => NewParty(organisationId, $"Fill{tag}{Letters(i)}")));
            await fillDb.SaveChangesAsync();
        }

        var clock = new SteppedClock();
        using var cache = new ConflictIndexCache(Factory.Services.GetRequiredService<IServiceScopeFactory>(), clock, NullLogger<ConflictIndexCache>.Instance);
        await cache.CatchUpAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(2));
        await cache.CatchUpAsync(CancellationToken.None);
        Assert.Equal(0, cache.WindowRereads); // nothing late: the check counted and read nothing again
        var late = NewParty(organisationId, $"Late{tag}");
        var early = NewParty(organisationId, $"Early{tag}");
        // The service's retrying strategy runs a user transaction as one unit (not retried here: a retry would fail the test).
        await lateDb.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await lateDb.Database.BeginTransactionAsync();
            lateDb.Add(late);
            await lateDb.SaveChangesAsync(); // its change has a sequence number now, but is not committed
            await using (var otherScope = Factory.Services.CreateAsyncScope())
            {
                var otherDb = otherScope.ServiceProvider.GetRequiredService<AppDbContext>();
                otherDb.Add(early);
                await otherDb.SaveChangesAsync();
            }

            Assert.Contains(await cache.SearchAsync(organisationId, new ConflictQuery(["Maria"], [$"Early{tag}"], [], null, null), 10, CancellationToken.None),
                r => r.PartyId == early.Id);
            await transaction.CommitAsync();
        });

        var lateQuery = new ConflictQuery(["Maria"], [$"Late{tag}"], [], null, null);

        // Within the second, only changes after the last one applied are read: the late one is not seen yet.
        Assert.DoesNotContain(await cache.SearchAsync(organisationId, lateQuery, 10, CancellationToken.None), r => r.PartyId == late.Id);
        clock.Advance(TimeSpan.FromSeconds(2));
        var readBefore = cache.RowsRead;
        Assert.Contains(await cache.SearchAsync(organisationId, lateQuery, 10, CancellationToken.None), r => r.PartyId == late.Id);
        Assert.Equal(1, cache.WindowRereads);
        // The late change and the one after it, not the 40 before them (nothing else writes to this database meanwhile).
        Assert.Equal(2, cache.RowsRead - readBefore);

        // Caught up again: the next check finds nothing late.
        clock.Advance(TimeSpan.FromSeconds(2));
        await cache.CatchUpAsync(CancellationToken.None);
        Assert.Equal(1, cache.WindowRereads);
    }
}
