using System.Diagnostics;
using System.Globalization;
using CounselConnect.Application.Matching;
using CounselConnect.UnitTests.Matching;

// Batch placement of N cases over M representatives: pair scoring plus the min-cost-flow solver, against the greedy
// baseline on the same pairs, with the hard-constraint violations of each counted independently (FitScorer's
// HardConstraintFailures, pair by pair). Arguments: [cases] [representatives] [seed] [runs] [--verify] [--k=N].
// --verify also scores every pair with FitScorer.Evaluate (must give the same pairs) and solves once with no pruning
// (must give the same total fit).
if (args.Length > 0 && args[0] == "ranking")
{
    await CounselConnect.MatchingBench.RankingLoad.RunAsync(args);
    return;
}

var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
var cases = positional.Length > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : 2000;
var reps = positional.Length > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 1000;
var seed = positional.Length > 2 ? int.Parse(positional[2], CultureInfo.InvariantCulture) : 42;
var runs = positional.Length > 3 ? int.Parse(positional[3], CultureInfo.InvariantCulture) : 5;
var verify = args.Contains("--verify");
var k = args.Where(a => a.StartsWith("--k=", StringComparison.Ordinal)).Select(a => int.Parse(a[4..], CultureInfo.InvariantCulture))
    .DefaultIfEmpty(PlacementSolver.DefaultCandidatesPerCase).First();

Console.WriteLine($"load average before: {File.ReadAllText("/proc/loadavg").Trim()}; {Environment.ProcessorCount} logical CPUs");
var (caseList, repList, conflicts) = RandomInstances.Problem(new Random(seed), cases, reps, maxCapacity: 4, conflictRate: 0.02);
var conflictsOfCase = Enumerable.Range(0, cases).Select(_ => new List<int>()).ToArray();
foreach (var (i, j) in conflicts)
{
    conflictsOfCase[i].Add(j);
}

var capacities = repList.Select(r => r.CapacityLeft).ToArray();

List<PlacementEdge> Score() => new PairScorer(caseList, repList, RandomInstances.Now).FeasiblePairs(i => conflictsOfCase[i]);

// Warm up the JIT once, then time each run: scoring every pair, then solving.
PlacementSolver.Solve(cases, capacities, Score(), k, out _);
var scoreTimes = new List<double>();
var solveTimes = new List<double>();
var totalTimes = new List<double>();
var cpuTimes = new List<double>();
var process = Process.GetCurrentProcess();
PlacementResult best = null!;
PlacementStats stats = null!;
List<PlacementEdge> edges = null!;
for (var r = 0; r < runs; r++)
{
    process.Refresh();
    var cpu = process.TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    edges = Score();
    var scored = watch.Elapsed.TotalMilliseconds;
    best = PlacementSolver.Solve(cases, capacities, edges, k, out stats);
    var total = watch.Elapsed.TotalMilliseconds;
    scoreTimes.Add(scored);
    solveTimes.Add(total - scored);
    totalTimes.Add(total);
    process.Refresh();
    cpuTimes.Add((process.TotalProcessorTime - cpu).TotalMilliseconds);
}

var greedyTimes = new List<double>();
PlacementResult greedy = null!;
for (var r = 0; r < runs; r++)
{
    var watch = Stopwatch.StartNew();
    greedy = GreedyPlacement.Solve(cases, capacities, edges);
    greedyTimes.Add(watch.Elapsed.TotalMilliseconds);
}

int Violations(PlacementResult result)
{
    var count = 0;
    var used = new int[reps];
    for (var i = 0; i < cases; i++)
    {
        var j = result.RepresentativeOfCase[i];
        if (j < 0)
        {
            continue;
        }

        used[j]++;
        if (FitScorer.HardConstraintFailures(caseList[i], repList[j], conflicts.Contains((i, j)), RandomInstances.Now).Count > 0)
        {
            count++;
        }
    }

    return count + used.Select((u, j) => Math.Max(0, u - capacities[j])).Sum();
}

static double Median(List<double> xs)
{
    xs.Sort();
    return xs[xs.Count / 2];
}

Console.WriteLine($"instance: {cases} cases, {reps} representatives, {capacities.Sum()} places, {edges.Count} feasible pairs of {(long)cases * reps}");
Console.WriteLine($"scoring (PairScorer, parallel): median {Median(scoreTimes):F0} ms");
Console.WriteLine($"min-cost flow (top {k} per case + pricing): median {Median(solveTimes):F0} ms; {stats.Rounds} round(s), {stats.ArcsUsed} pair arcs");
Console.WriteLine($"placement, scoring + solve: median {Median(totalTimes):F0} ms, max {totalTimes.Max():F0} ms over {runs} runs; CPU time of the process (all threads) median {Median(cpuTimes):F0} ms");
Console.WriteLine($"min-cost flow: total fit {best.TotalScore}, placed {best.PlacedCount}, hard-constraint violations {Violations(best)}");
Console.WriteLine($"greedy:        total fit {greedy.TotalScore}, placed {greedy.PlacedCount}, median {Median(greedyTimes):F0} ms (same pairs), hard-constraint violations {Violations(greedy)}");
Console.WriteLine($"fit ratio (ours / greedy): {(double)best.TotalScore / Math.Max(1, greedy.TotalScore):F4}");

if (verify)
{
    var watch = Stopwatch.StartNew();
    var reference = new List<PlacementEdge>();
    for (var i = 0; i < cases; i++)
    {
        for (var j = 0; j < reps; j++)
        {
            var fit = FitScorer.Evaluate(caseList[i], repList[j], conflicts.Contains((i, j)), RandomInstances.Now);
            if (fit.Feasible)
            {
                reference.Add(new PlacementEdge(i, j, fit.Score));
            }
        }
    }

    var evaluateMs = watch.ElapsedMilliseconds;
    Console.WriteLine($"verify: FitScorer.Evaluate on every pair took {evaluateMs} ms; same pairs and scores as PairScorer: {reference.SequenceEqual(edges)}");
    watch.Restart();
    var unpruned = PlacementSolver.Solve(cases, capacities, reference, int.MaxValue, out _);
    Console.WriteLine($"verify: unpruned solve {watch.ElapsedMilliseconds} ms, total fit {unpruned.TotalScore}; pruned/unpruned ratio {(double)best.TotalScore / Math.Max(1, unpruned.TotalScore):F4}");
}

Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
