using System.Diagnostics;
using System.Globalization;
using CounselConnect.Application.Matching;
using CounselConnect.UnitTests.Matching;

// Batch placement of N cases over M representatives: the min-cost-flow solver against the greedy baseline, with
// the hard-constraint violations of each counted independently. Arguments: [cases] [representatives] [seed] [runs].
var cases = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var reps = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
var seed = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 42;
var runs = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5;

var build = Stopwatch.StartNew();
var (caseList, repList, conflicts, edges) = RandomInstances.Instance(new Random(seed), cases, reps, maxCapacity: 4, conflictRate: 0.02);
build.Stop();
var capacities = repList.Select(r => r.CapacityLeft).ToArray();
Console.WriteLine($"instance: {cases} cases, {reps} representatives, {capacities.Sum()} places, {edges.Count} feasible pairs (scored in {build.ElapsedMilliseconds} ms)");

// Warm up the JIT once, then time each run.
PlacementSolver.Solve(cases, capacities, edges);
var solveTimes = new List<double>();
PlacementResult best = null!;
for (var r = 0; r < runs; r++)
{
    var watch = Stopwatch.StartNew();
    best = PlacementSolver.Solve(cases, capacities, edges);
    solveTimes.Add(watch.Elapsed.TotalMilliseconds);
}

var greedyWatch = Stopwatch.StartNew();
var greedy = GreedyPlacement.Solve(cases, capacities, edges);
greedyWatch.Stop();

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

solveTimes.Sort();
Console.WriteLine($"min-cost flow: total fit {best.TotalScore}, placed {best.PlacedCount}, median {solveTimes[solveTimes.Count / 2]:F0} ms, max {solveTimes[^1]:F0} ms over {runs} runs, hard-constraint violations {Violations(best)}");
Console.WriteLine($"greedy:        total fit {greedy.TotalScore}, placed {greedy.PlacedCount}, {greedyWatch.ElapsedMilliseconds} ms, hard-constraint violations {Violations(greedy)}");
Console.WriteLine($"fit ratio (ours / greedy): {(double)best.TotalScore / Math.Max(1, greedy.TotalScore):F4}");
