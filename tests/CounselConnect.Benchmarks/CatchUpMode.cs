using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Conflicts;
using CounselConnect.Application.Conflicts.Matching;
using CounselConnect.Application.Imports;
using CounselConnect.Domain.Organisations;
using CounselConnect.Domain.People;
using CounselConnect.Infrastructure.Imports;
using CounselConnect.Infrastructure.Matching;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Security;
using CounselConnect.UnitTests.Conflicts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CounselConnect.Benchmarks;

/// <summary>
/// <c>catchup sqlite|postgres CONNSTRING [SIZE] [--legacy]</c>: fills an empty database (dropped and created) with SIZE
/// synthetic parties (seed 1000003) through the production bulk writer, then, in the same run, times
///   (1) a raw read of the same feed rows (change + party ciphertext + wrapped data key) with a plain DbDataReader,
///   (2) the in-memory index build of the same parties, one Upsert at a time and with the bulk Apply,
///   (3) the production catch-up (<see cref="ConflictIndexCache"/>) from empty on a second "server" (its own
///       service provider and KeyRing, same master key, so every data key is unwrapped again), and
///   (4) with <c>--legacy</c>, the replay as it was before issue 3's fix (EF pages of 5,000, key preload query,
///       entity load with decryption in the materialiser, one Upsert per change), re-implemented here on the public API.
/// </summary>
internal static class CatchUpMode
{
    private const int Seed = 1_000_003;

    public static async Task RunAsync(string engine, string connectionString, int size, bool legacy)
    {
        var provider = engine switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" => DatabaseProvider.PostgreSql,
            _ => throw new ArgumentException("Engine must be sqlite or postgres.", nameof(engine)),
        };
        var masterKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        Console.WriteLine($"Catch-up benchmark: {engine}, {size:N0} parties, {Environment.ProcessorCount} cores, load {Load()}");

        Guid organisationId;
        var parties = new List<PartyRecord>(size);
        using (var writerServer = Server(provider, connectionString, masterKey))
        {
            await using (var scope = writerServer.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                await db.Database.EnsureDeletedAsync();
                await db.Database.EnsureCreatedAsync();
                var organisation = new Organisation("Catch-up benchmark");
                db.Add(organisation);
                await db.SaveChangesAsync();
                organisationId = organisation.Id;
            }

            var fill = Stopwatch.StartNew();
            await using (var scope = writerServer.CreateAsyncScope())
            {
                var writer = scope.ServiceProvider.GetRequiredService<IPartyBulkWriter>();
                var rows = new List<PartyImportCsv.Row>(writer.BatchSize);
                var i = 0;
                foreach (var p in SyntheticPopulation.Generate(size, Seed))
                {
                    parties.Add(p);
                    rows.Add(new PartyImportCsv.Row("p" + i.ToString(CultureInfo.InvariantCulture), "client", string.Join(' ', p.GivenNames),
                        p.FamilyNames, p.Aliases, p.DateOfBirth, p.ANumber, "C" + i.ToString(CultureInfo.InvariantCulture)));
                    i++;
                    if (rows.Count == writer.BatchSize)
                    {
                        await writer.WriteAsync(writer.Prepare(organisationId, rows, DateTime.UtcNow), CancellationToken.None);
                        rows.Clear();
                    }
                }

                if (rows.Count > 0)
                {
                    await writer.WriteAsync(writer.Prepare(organisationId, rows, DateTime.UtcNow), CancellationToken.None);
                }
            }

            Console.WriteLine($"Fill through the bulk writer: {fill.Elapsed.TotalSeconds:0.0} s, load {Load()}");
        }

        if (provider == DatabaseProvider.Sqlite)
        {
            // Same starting point for every reader: the file's pages in the OS cache, not in some reader's cache.
            Console.WriteLine($"SQLite file: {new FileInfo(new DbConnectionStringBuilder { ConnectionString = connectionString }["Data Source"].ToString()!).Length / 1048576.0:0} MiB");
        }

        var results = new List<(string What, double Seconds, string Note)>();
        GC.Collect();
        var raw = await RawReadAsync(provider, connectionString);
        results.Add(("Raw read of the feed rows (DbDataReader, change + party + data key, all columns)", raw.Seconds, $"{raw.Rows:N0} rows, load {Load()}"));

        var gen = Stopwatch.StartNew();
        using (var one = new ConflictIndex())
        {
            foreach (var p in parties)
            {
                one.Upsert(p);
            }

            results.Add(("In-memory index build, one Upsert at a time (from memory)", gen.Elapsed.TotalSeconds, $"{one.Count:N0} parties, load {Load()}"));
        }

        GC.Collect();
        gen.Restart();
        using (var bulk = new ConflictIndex())
        {
            for (var start = 0; start < parties.Count; start += 20_000)
            {
                bulk.Apply([.. parties.Skip(start).Take(20_000).Select(p => new IndexChange(p.PartyId, p))]);
            }

            results.Add(("In-memory index build, bulk Apply in pages of 20,000 (from memory)", gen.Elapsed.TotalSeconds, $"{bulk.Count:N0} parties, load {Load()}"));
        }

        GC.Collect();
        var queries = parties.Where((_, i) => i % Math.Max(1, size / 200) == 0).Take(200).ToList();
        using (var server = Server(provider, connectionString, masterKey))
        {
            var cache = server.GetRequiredService<ConflictIndexCache>();
            var watch = Stopwatch.StartNew();
            var allocated = GC.GetTotalAllocatedBytes();
            var gcs = GC.CollectionCount(2);
            await cache.CatchUpAsync(CancellationToken.None);
            var seconds = watch.Elapsed.TotalSeconds;
            var found = await FoundAsync(cache, server, organisationId, queries);
            results.Add(("**Production catch-up from empty (ConflictIndexCache.CatchUpAsync)**", seconds,
                $"{cache.CountFor(organisationId):N0} parties, {found}/{queries.Count} sampled parties found first by name + birth date, " +
                $"{(GC.GetTotalAllocatedBytes() - allocated) / 1048576.0:N0} MiB allocated, {GC.CollectionCount(2) - gcs} gen-2 GCs, load {Load()}"));
        }

        using (var server = Server(provider, connectionString, masterKey))
        {
            // The feed alone (query, unwrap, decrypt, parse), on a fresh KeyRing, without touching an index.
            await using var scope = server.CreateAsyncScope();
            var feed = scope.ServiceProvider.GetRequiredService<IPartyChangeFeed>();
            var watch = Stopwatch.StartNew();
            long from = 0;
            long opened = 0;
            var reading = TimeSpan.Zero;
            var opening = TimeSpan.Zero;
            long readBytes = 0;
            long openBytes = 0;
            while (true)
            {
                var t = Stopwatch.GetTimestamp();
                var a = GC.GetTotalAllocatedBytes(true);
                var page = await feed.ReadAsync(from, 20_000, null, CancellationToken.None);
                reading += Stopwatch.GetElapsedTime(t);
                readBytes += GC.GetTotalAllocatedBytes(true) - a;
                t = Stopwatch.GetTimestamp();
                a = GC.GetTotalAllocatedBytes(true);
                opened += page.Open(_ => false).Count(c => c.Party is not null);
                opening += Stopwatch.GetElapsedTime(t);
                openBytes += GC.GetTotalAllocatedBytes(true) - a;
                from = page.LastSeq;
                if (page.RowsRead < 20_000)
                {
                    break;
                }
            }

            results.Add(("Feed pages alone, not overlapped (IPartyChangeFeed: query, unwrap, decrypt, parse; no index)", watch.Elapsed.TotalSeconds,
                $"{opened:N0} parties opened; reading {reading.TotalSeconds:0.00} s ({readBytes / 1048576.0:N0} MiB allocated), " +
                $"opening on {Environment.ProcessorCount} cores {opening.TotalSeconds:0.00} s ({openBytes / 1048576.0:N0} MiB allocated), load {Load()}"));
        }

        if (legacy)
        {
            GC.Collect();
            using var server = Server(provider, connectionString, masterKey);
            var watch = Stopwatch.StartNew();
            var count = await LegacyReplayAsync(server);
            results.Add(("Replay as before the fix (EF pages of 5,000, one Upsert per change)", watch.Elapsed.TotalSeconds, $"{count:N0} parties, load {Load()}"));
        }

        Console.WriteLine();
        Console.WriteLine($"| Step ({engine}, {size:N0} parties) | Time | Ratio to the raw read | Notes |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (what, seconds, note) in results)
        {
            Console.WriteLine($"| {what} | {seconds:0.00} s | {seconds / raw.Seconds:0.0}x | {note} |");
        }
    }

    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    /// <summary>What a server needs to import and to catch up: the production registrations of those parts.</summary>
    private static ServiceProvider Server(DatabaseProvider provider, string connectionString, string masterKey)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.Configure<EncryptionOptions>(o => o.MasterKey = masterKey);
        services.AddSingleton<KeyRing>();
        services.AddSingleton<IKeyRingPreloader>(sp => sp.GetRequiredService<KeyRing>());
        services.AddSingleton<ProtectedData>();
        services.AddSingleton<PartyChangeInterceptor>();
        services.AddDbContext<AppDbContext>((sp, o) => o.UseCounselConnectDatabase(provider, connectionString)
            .AddInterceptors(sp.GetRequiredService<PartyChangeInterceptor>(), sp.GetRequiredService<ProtectedData>()));
        services.AddScoped<IApplicationDbContext>(sp => sp.GetRequiredService<AppDbContext>());
        services.AddSingleton<ConflictIndexCache>();
        services.AddScoped<IPartyChangeFeed, PartyChangeFeed>();
        services.AddScoped(sp => PartyBulkWriter.Create(provider, sp));
        return services.BuildServiceProvider();
    }

    private static async Task<(double Seconds, long Rows)> RawReadAsync(DatabaseProvider provider, string connectionString)
    {
        DbConnection connection = provider == DatabaseProvider.Sqlite
            ? new Microsoft.Data.Sqlite.SqliteConnection(connectionString)
            : new Npgsql.NpgsqlConnection(connectionString);
        await using (connection)
        {
            var watch = Stopwatch.StartNew();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText =
                """
                SELECT c."Seq", c."OrganisationId", c."PartyId", c."Deleted", p."Protected", k."Id", k."WrappedKey"
                FROM "PartyChanges" c LEFT JOIN "Parties" p ON p."Id" = c."PartyId" LEFT JOIN "DataKeys" k ON k."Id" = p."DataKeyId"
                ORDER BY c."Seq"
                """;
            long rows = 0;
            long bytes = 0;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows++;
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    bytes += reader.IsDBNull(i) ? 0 : reader.GetValue(i) is byte[] b ? b.Length : 1;
                }
            }

            GC.KeepAlive(bytes);
            return (watch.Elapsed.TotalSeconds, rows);
        }
    }

    private static async Task<int> FoundAsync(ConflictIndexCache cache, IServiceProvider server, Guid organisationId, List<PartyRecord> sample)
    {
        // The stored ids are new; find each sampled party by its own names and birth date and check the A-number too.
        await using var scope = server.CreateAsyncScope();
        var found = 0;
        foreach (var p in sample)
        {
            var results = await cache.SearchAsync(organisationId, new ConflictQuery(p.GivenNames, p.FamilyNames, [], p.DateOfBirth, p.ANumber), 10, CancellationToken.None);
            if (results.Count > 0 && results[0].Score >= 0.9)
            {
                found++;
            }
        }

        return found;
    }

    /// <summary>The replay before issue 3's fix, on the public API: what the catch-up cost per page of 5,000 changes.</summary>
    private static async Task<int> LegacyReplayAsync(IServiceProvider server)
    {
        var keys = server.GetRequiredService<IKeyRingPreloader>();
        var indexes = new Dictionary<Guid, ConflictIndex>();
        long from = 0;
        await using var scope = server.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        while (true)
        {
            var changes = await db.Set<PartyChange>().AsNoTracking().Where(c => c.Seq > from).OrderBy(c => c.Seq).Take(5000).ToListAsync();
            var ids = changes.Select(c => c.PartyId).Distinct().ToList();
            await keys.PreloadForPartiesAsync(ids, CancellationToken.None);
            var loaded = await db.Set<Party>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
            foreach (var change in changes)
            {
                if (!indexes.TryGetValue(change.OrganisationId, out var index))
                {
                    indexes[change.OrganisationId] = index = new ConflictIndex();
                }

                if (!change.Deleted && loaded.TryGetValue(change.PartyId, out var p) && !p.IsErased)
                {
                    index.Upsert(new PartyRecord(p.Id, p.GivenNames.Length == 0 ? [] : [p.GivenNames], p.FamilyNames, p.Aliases, p.DateOfBirth, p.ANumber));
                }
                else
                {
                    index.Remove(change.PartyId);
                }
            }

            if (changes.Count > 0)
            {
                from = changes[^1].Seq;
            }

            if (changes.Count < 5000)
            {
                break;
            }

            db.ChangeTracker.Clear();
        }

        var count = indexes.Values.Sum(i => i.Count);
        foreach (var index in indexes.Values)
        {
            index.Dispose();
        }

        return count;
    }
}
