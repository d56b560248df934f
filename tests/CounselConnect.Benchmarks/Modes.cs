using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CounselConnect.Application.Conflicts.Matching;
using CounselConnect.UnitTests.Conflicts;
using Npgsql;

namespace CounselConnect.Benchmarks;

/// <summary>
/// Extra benchmark modes:
/// <list type="bullet">
/// <item><c>csv PATH [SIZE]</c>: writes the synthetic population (seed 1000003) as an import CSV; external_id is <c>p{row}</c>.</item>
/// <item><c>http BASEURL [SIZE] [QUERIES] [CONCURRENCY...]</c>: conflict-check and /health/live latency over HTTP.</item>
/// <item><c>pgtrgm CONNSTRING [SIZE] [QUERIES] [SQLQUERIES]</c>: ConflictIndex against a pg_trgm + dmetaphone query.</item>
/// <item><c>catchup sqlite|postgres CONNSTRING [SIZE] [--legacy]</c>: the conflict index's catch-up after a bulk import (<see cref="CatchUpMode"/>).</item>
/// </list>
/// Variant queries are chosen exactly as in the default mode (every SIZE/QUERIES-th party, Random(42)).
/// </summary>
public static class Modes
{
    private const int Seed = 1_000_003;

    public static bool TryRun(string[] args)
    {
        switch (args[0])
        {
            case "csv":
                WriteCsv(args[1], args.Length > 2 ? Int(args[2]) : 1_000_000);
                return true;
            case "http":
                Http(args[1], args.Length > 2 ? Int(args[2]) : 1_000_000, args.Length > 3 ? Int(args[3]) : 4000,
                    args.Length > 4 ? args[4..].Select(Int).ToArray() : [1, 8]).GetAwaiter().GetResult();
                return true;
            case "pgtrgm":
                PgTrgm(args[1], args.Length > 2 ? Int(args[2]) : 1_000_000, args.Length > 3 ? Int(args[3]) : 4000,
                    args.Length > 4 ? Int(args[4]) : 1000);
                return true;
            case "catchup":
                CatchUpMode.RunAsync(args[1], args[2], args.Length > 3 && args[3] != "--legacy" ? Int(args[3]) : 100_000,
                    args.Contains("--legacy")).GetAwaiter().GetResult();
                return true;
            default:
                return false;
        }
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    private static string Csv(string v) =>
        v.Contains(',', StringComparison.Ordinal) || v.Contains('"', StringComparison.Ordinal) ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;

    private static void WriteCsv(string path, int size)
    {
        var watch = Stopwatch.StartNew();
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        w.Write("external_id,role,given_names,family_names,aliases,date_of_birth,a_number,case_reference\n");
        var i = 0;
        foreach (var p in SyntheticPopulation.Generate(size, Seed))
        {
            w.Write(string.Join(',',
                "p" + i.ToString(CultureInfo.InvariantCulture),
                "client",
                Csv(string.Join(' ', p.GivenNames)),
                Csv(string.Join('|', p.FamilyNames)),
                Csv(string.Join('|', p.Aliases)),
                p.DateOfBirth?.ToString() ?? string.Empty,
                p.ANumber?.Digits ?? string.Empty,
                "C" + i.ToString(CultureInfo.InvariantCulture)));
            w.Write('\n');
            i++;
        }

        Console.WriteLine($"Wrote {i:N0} rows to {path} in {watch.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>The variant queries of the default mode, with the row number (external_id p{row}) of the true party.</summary>
    private static List<(int Row, PartyRecord Party, ConflictQuery Query)> VariantQueries(int size, int queryCount, ConflictIndex? index)
    {
        var sample = new List<(int, PartyRecord)>();
        var sampleEvery = Math.Max(1, size / queryCount);
        var i = 0;
        foreach (var p in SyntheticPopulation.Generate(size, Seed))
        {
            index?.Upsert(p);
            if (i % sampleEvery == 0)
            {
                sample.Add((i, p));
            }

            i++;
        }

        var rng = new Random(42);
        return sample.Select(s => (s.Item1, s.Item2, SyntheticPopulation.VariantQuery(s.Item2, rng))).ToList();
    }

    private static string Percentiles(double[] sorted) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{P(sorted, 0.50):0.00} | {P(sorted, 0.95):0.00} | {P(sorted, 0.99):0.00} | {sorted[^1]:0.00}");

    private static double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    // ---------------------------------------------------------------- HTTP

    private static async Task Http(string baseUrl, int size, int queryCount, int[] concurrencies)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromHours(1) })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromMinutes(2),
        };
        var tokenResponse = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "counselconnect-cli",
            ["client_secret"] = Environment.GetEnvironmentVariable("CLI_SECRET") ?? "dev-cli-secret-change-me",
        }));
        tokenResponse.EnsureSuccessStatusCode();
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var queries = VariantQueries(size, queryCount, null);
        var bodies = queries.Select(q => JsonSerializer.Serialize(new
        {
            givenNames = q.Query.GivenNames,
            familyNames = q.Query.FamilyNames,
            aliases = Array.Empty<string>(),
            dateOfBirth = q.Query.DateOfBirth?.ToString(),
            aNumber = q.Query.ANumber?.ToString(),
        })).ToArray();
        Console.WriteLine($"HTTP benchmark against {baseUrl}: {bodies.Length:N0} variant conflict-check bodies");
        Console.WriteLine(await (await Post(http, bodies[0])).Content.ReadAsStringAsync());

        Console.WriteLine();
        Console.WriteLine("| Endpoint | Concurrency | Requests | Errors | p50 ms | p95 ms | p99 ms | max ms | req/s |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var c in concurrencies)
        {
            // Warm-up for both endpoints, then measure the bare endpoint and the conflict check back to back.
            await Load(http, 200, c, i => http.GetAsync("/health/live"));
            await Load(http, 200, c, i => Post(http, bodies[(i * 7919) % bodies.Length]));
            var (live, liveErr, liveRate) = await Load(http, bodies.Length, c, i => http.GetAsync("/health/live"));
            var (check, checkErr, checkRate) = await Load(http, bodies.Length, c, i => Post(http, bodies[i]));
            Console.WriteLine($"| GET /health/live | {c} | {live.Length:N0} | {liveErr} | {Percentiles(live)} | {liveRate:0} |");
            Console.WriteLine($"| POST /api/v1/conflict-checks | {c} | {check.Length:N0} | {checkErr} | {Percentiles(check)} | {checkRate:0} |");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| ratio check/live | {c} | | | {P(check, 0.5) / P(live, 0.5):0.0}x | {P(check, 0.95) / P(live, 0.95):0.0}x | {P(check, 0.99) / P(live, 0.99):0.0}x | | |"));
        }
    }

    private static Task<HttpResponseMessage> Post(HttpClient http, string body) =>
        http.PostAsync("/api/v1/conflict-checks", new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task<(double[] Sorted, int Errors, double Rate)> Load(HttpClient http, int count, int concurrency, Func<int, Task<HttpResponseMessage>> send)
    {
        var latencies = new double[count];
        var errors = 0;
        var next = -1;
        var wall = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var t = Stopwatch.GetTimestamp();
                using var response = await send(i);
                await response.Content.ReadAsByteArrayAsync();
                latencies[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }).ToArray();
        await Task.WhenAll(workers);
        var rate = count / wall.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        return (latencies, errors, rate);
    }

    // ---------------------------------------------------------------- pg_trgm baseline

    private const string TrgmSql =
        "SELECT external_id FROM parties WHERE full_name % $1 OR dmetaphone(family) = dmetaphone($2) " +
        "ORDER BY similarity(full_name, $1) DESC LIMIT 10";

    private static void PgTrgm(string connectionString, int size, int queryCount, int sqlQueries)
    {
        Console.WriteLine($"pg_trgm baseline: {size:N0} parties, {queryCount:N0} variant queries in process, first {sqlQueries:N0} also in SQL");
        using var index = new ConflictIndex();
        var watch = Stopwatch.StartNew();
        var queries = VariantQueries(size, queryCount, index);
        Console.WriteLine($"Index built in {watch.Elapsed.TotalSeconds:0.0} s, {index.Count:N0} parties");

        // In process: warm up, then time each search.
        foreach (var q in queries.Take(200))
        {
            index.Search(q.Query);
        }

        var ours = new double[queries.Count];
        var oursHit = new bool[queries.Count];
        for (var k = 0; k < queries.Count; k++)
        {
            var t = Stopwatch.GetTimestamp();
            var results = index.Search(queries[k].Query);
            ours[k] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            oursHit[k] = results.Take(10).Any(r => r.PartyId == queries[k].Party.PartyId);
        }

        // SQL: one connection, sequential, prepared statement.
        var n = Math.Min(sqlQueries, queries.Count);
        var theirs = new double[n];
        var theirsHit = new bool[n];
        using (var connection = new NpgsqlConnection(connectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand(TrgmSql, connection);
            command.CommandTimeout = 600;
            var p1 = new NpgsqlParameter<string> { TypedValue = string.Empty };
            var p2 = new NpgsqlParameter<string> { TypedValue = string.Empty };
            command.Parameters.Add(p1);
            command.Parameters.Add(p2);
            command.Prepare();
            List<string> Run(ConflictQuery q)
            {
                p1.TypedValue = string.Join(' ', q.GivenNames.Concat(q.FamilyNames));
                p2.TypedValue = q.FamilyNames.Count > 0 ? q.FamilyNames[0] : string.Empty;
                var ids = new List<string>(10);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    ids.Add(reader.GetString(0));
                }

                return ids;
            }

            foreach (var q in queries.Skip(n).Take(20))
            {
                Run(q.Query);
            }

            for (var k = 0; k < n; k++)
            {
                var t = Stopwatch.GetTimestamp();
                var ids = Run(queries[k].Query);
                theirs[k] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                theirsHit[k] = ids.Contains("p" + queries[k].Row.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);
            }
        }

        var oursSubset = ours.Take(n).OrderBy(x => x).ToArray();
        var oursAll = ours.OrderBy(x => x).ToArray();
        var theirsSorted = theirs.OrderBy(x => x).ToArray();
        Console.WriteLine();
        Console.WriteLine("| Engine | Queries | p50 ms | p95 ms | p99 ms | max ms | recall@10 |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Console.WriteLine($"| ConflictIndex (in process), all | {ours.Length:N0} | {Percentiles(oursAll)} | {oursHit.Count(h => h):N0}/{ours.Length:N0} ({(double)oursHit.Count(h => h) / ours.Length:P1}) |");
        Console.WriteLine($"| ConflictIndex (in process), SQL subset | {n:N0} | {Percentiles(oursSubset)} | {oursHit.Take(n).Count(h => h):N0}/{n:N0} ({(double)oursHit.Take(n).Count(h => h) / n:P1}) |");
        Console.WriteLine($"| pg_trgm + dmetaphone (Npgsql, 1 connection) | {n:N0} | {Percentiles(theirsSorted)} | {theirsHit.Count(h => h):N0}/{n:N0} ({(double)theirsHit.Count(h => h) / n:P1}) |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| Speed ratio SQL/ours (same subset) | | {P(theirsSorted, 0.5) / P(oursSubset, 0.5):0}x | {P(theirsSorted, 0.95) / P(oursSubset, 0.95):0}x | {P(theirsSorted, 0.99) / P(oursSubset, 0.99):0}x | | |"));
    }
}
