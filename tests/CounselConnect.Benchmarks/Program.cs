using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using CounselConnect.Application.Conflicts.Matching;
using CounselConnect.UnitTests.Conflicts;

namespace CounselConnect.Benchmarks;

/// <summary>
/// Conflict index benchmark. Default: builds a deterministic synthetic population (1,000,000 parties unless a
/// size is given), reports build time, memory and per-query latency percentiles over variant and absent
/// queries. "bdn" runs the BenchmarkDotNet micro-benchmark of one search against a 100,000-party index.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "bdn")
        {
            BenchmarkRunner.Run<SearchBenchmarks>(args: args[1..]);
            return 0;
        }

        if (args.Length > 0 && Modes.TryRun(args))
        {
            return 0;
        }

        // --hmac: the same run again with the keyed-hash protector (as on encrypted data), and the ratio of the two.
        var hmac = args.Contains("--hmac");
        args = [.. args.Where(a => a != "--hmac")];
        var size = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var queries = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4000;
        var options = args.Length > 3
            ? new ConflictIndexOptions(int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture))
            : new ConflictIndexOptions();
        var identity = Run(size, queries, options, IdentityBlockingKeyProtector.Instance);
        if (hmac)
        {
            GC.Collect();
            var keyed = Run(size, queries, options, new HmacBlockingKeyProtector(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
            Console.WriteLine();
            Console.WriteLine($"| Same run, {size:N0} parties | Identity | HMAC-SHA256 | Ratio HMAC / identity |");
            Console.WriteLine("|---|---|---|---|");
            for (var k = 0; k < identity.Length; k++)
            {
                Console.WriteLine($"| {identity[k].Name} | {identity[k].Value:0.000} | {keyed[k].Value:0.000} | {keyed[k].Value / identity[k].Value:0.00}x |");
            }
        }

        return 0;
    }

    private static (string Name, double Value)[] Run(int size, int queryCount, ConflictIndexOptions options, IBlockingKeyProtector protector)
    {
        Console.WriteLine($"Conflict index benchmark: {size:N0} parties, {queryCount:N0} queries, {options}, {protector.GetType().Name}, " +
            $"load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var sample = new List<PartyRecord>();
        var sampleEvery = Math.Max(1, size / queryCount);
        using var index = new ConflictIndex(protector, options);
        var watch = Stopwatch.StartNew();
        var i = 0;
        foreach (var p in SyntheticPopulation.Generate(size, seed: 1_000_003))
        {
            index.Upsert(p);
            if (i++ % sampleEvery == 0)
            {
                sample.Add(p);
            }
        }

        var build = watch.Elapsed;
        var managed = GC.GetTotalMemory(forceFullCollection: true) - before;
        var workingSet = Process.GetCurrentProcess().WorkingSet64;

        var rng = new Random(42);
        var variant = sample.Select(p => (Party: (PartyRecord?)p, Query: SyntheticPopulation.VariantQuery(p, rng))).ToList();
        var absent = Enumerable.Range(0, queryCount / 4).Select(_ => (Party: (PartyRecord?)null, Query: SyntheticPopulation.AbsentQuery(rng))).ToList();
        var all = variant.Concat(absent).OrderBy(_ => rng.Next()).ToList();

        // Warm up (JIT, caches), then measure each search on its own.
        foreach (var (_, q) in all.Take(200))
        {
            index.Search(q);
        }

        var latencies = new double[all.Count];
        var found = 0;
        var likelyAbsent = 0;
        var likelyReasons = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < all.Count; k++)
        {
            var (party, q) = all[k];
            var t = Stopwatch.GetTimestamp();
            var results = index.Search(q);
            latencies[k] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            if (party is not null && results.Any(r => r.PartyId == party.PartyId))
            {
                found++;
            }

            if (party is null && MatchThresholds.Default.OutcomeFor(results) == ConflictOutcome.Likely)
            {
                likelyAbsent++;
                var why = string.Join("; ", results[0].Reasons);
                likelyReasons[why] = likelyReasons.GetValueOrDefault(why) + 1;
            }
        }

        Array.Sort(latencies);
        double P(double q) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(q * latencies.Length) - 1)];
        Console.WriteLine();
        Console.WriteLine("| Measure | Value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| Parties indexed | {index.Count:N0} |");
        Console.WriteLine($"| Index build (single thread) | {build.TotalSeconds:0.0} s |");
        Console.WriteLine($"| Managed heap after full GC | {managed / 1048576.0:N0} MiB |");
        Console.WriteLine($"| Process working set | {workingSet / 1048576.0:N0} MiB |");
        Console.WriteLine($"| Queries timed | {latencies.Length:N0} ({variant.Count:N0} variant, {absent.Count:N0} absent) |");
        Console.WriteLine($"| Search p50 | {P(0.50):0.000} ms |");
        Console.WriteLine($"| Search p95 | {P(0.95):0.000} ms |");
        Console.WriteLine($"| Search p99 | {P(0.99):0.000} ms |");
        Console.WriteLine($"| Search max | {latencies[^1]:0.000} ms |");
        Console.WriteLine($"| Variant queries with the true party in top 10 | {found:N0}/{variant.Count:N0} ({(double)found / variant.Count:P2}) |");
        Console.WriteLine($"| Absent queries rated likely | {likelyAbsent:N0}/{absent.Count:N0} ({(double)likelyAbsent / absent.Count:P2}) |");
        Console.WriteLine();
        foreach (var (why, n) in likelyReasons.OrderByDescending(kv => kv.Value).Take(5))
        {
            Console.WriteLine($"absent rated likely x{n}: {why}");
        }

        GC.KeepAlive(index);
        return
        [
            ("Index build, s", build.TotalSeconds), ("Managed heap, MiB", managed / 1048576.0), ("Search p50, ms", P(0.50)),
            ("Search p95, ms", P(0.95)), ("Search p99, ms", P(0.99)), ("Variant queries with the true party in top 10", found),
        ];
    }
}

/// <summary>BenchmarkDotNet: one search against a 100,000-party index.</summary>
[MemoryDiagnoser]
public class SearchBenchmarks : IDisposable
{
    private ConflictIndex _index = null!;
    private ConflictQuery[] _queries = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _index = new ConflictIndex();
        var sample = new List<PartyRecord>();
        var i = 0;
        foreach (var p in SyntheticPopulation.Generate(100_000, seed: 1_000_003))
        {
            _index.Upsert(p);
            if (i++ % 100 == 0)
            {
                sample.Add(p);
            }
        }

        var rng = new Random(42);
        _queries = sample.Select(p => SyntheticPopulation.VariantQuery(p, rng)).ToArray();
    }

    [Benchmark]
    public int Search() => _index.Search(_queries[_next++ % _queries.Length]).Count;

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _index?.Dispose();
        }
    }
}
