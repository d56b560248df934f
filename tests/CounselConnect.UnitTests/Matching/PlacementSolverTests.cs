using CounselConnect.Application.Matching;
using CounselConnect.Domain.Cases;

namespace CounselConnect.UnitTests.Matching;

public sealed class PlacementSolverTests
{
    [Fact]
    public void Solver_prefers_the_assignment_with_the_larger_total_over_the_greedy_pick()
    {
        // Greedy takes (0,0)=10 and then case 1 has nowhere to go: 10. The best is (0,1)=9 + (1,0)=8 = 17.
        PlacementEdge[] edges = [new(0, 0, 10), new(0, 1, 9), new(1, 0, 8)];
        var best = PlacementSolver.Solve(2, [1, 1], edges);
        var greedy = GreedyPlacement.Solve(2, [1, 1], edges);
        Assert.Equal(17, best.TotalScore);
        Assert.Equal([1, 0], best.RepresentativeOfCase);
        Assert.Equal(10, greedy.TotalScore);
    }

    [Fact]
    public void Pricing_adds_back_a_pruned_pair_the_optimum_needs()
    {
        // With one pair per case the first graph holds (0,0)=10 and (1,0)=8 only: total 10. Pair (0,1) has a
        // negative reduced cost against that solution's potentials, so it is added and the optimum 17 is found.
        PlacementEdge[] edges = [new(0, 0, 10), new(0, 1, 9), new(1, 0, 8)];
        var best = PlacementSolver.Solve(2, [1, 1], edges, candidatesPerCase: 1, out var stats);
        Assert.Equal(17, best.TotalScore);
        Assert.Equal(2, stats.Rounds);
        Assert.Equal(3, stats.ArcsUsed);
    }

    [Fact]
    public void Pruned_solver_equals_the_unpruned_solver_on_random_instances()
    {
        var random = new Random(404);
        var rounds = 0;
        for (var round = 0; round < 25; round++)
        {
            var (cases, reps, _, edges) = RandomInstances.Instance(random, random.Next(40, 160), random.Next(10, 60), conflictRate: 0.02);
            var capacities = reps.Select(r => r.CapacityLeft).ToArray();
            var full = PlacementSolver.Solve(cases.Count, capacities, edges, int.MaxValue, out var fullStats);
            Assert.Equal(1, fullStats.Rounds);
            foreach (var k in new[] { 1, 2, 4 })
            {
                var pruned = PlacementSolver.Solve(cases.Count, capacities, edges, k, out var stats);
                Assert.Equal(full.TotalScore, pruned.TotalScore);
                AssertValid(pruned, capacities, edges);
                rounds += stats.Rounds - 1;
            }
        }

        // The instances are tight enough that pricing had to add pairs back, so the check above is not vacuous.
        Assert.True(rounds > 0);
    }

    [Fact]
    public void Representatives_without_capacity_get_nothing_and_cases_without_edges_stay_unplaced()
    {
        var result = PlacementSolver.Solve(3, [0, 2], [new(0, 0, 50), new(1, 1, 5), new(0, 1, 3)]);
        Assert.Equal([1, 1, -1], result.RepresentativeOfCase);
        Assert.Equal(8, result.TotalScore);
    }

    [Fact]
    public void Solver_matches_brute_force_on_small_random_instances()
    {
        var random = new Random(20261130);
        for (var round = 0; round < 400; round++)
        {
            var cases = random.Next(1, 7);
            var reps = random.Next(1, 4);
            var capacities = Enumerable.Range(0, reps).Select(_ => random.Next(0, 3)).ToArray();
            var edges = new List<PlacementEdge>();
            for (var i = 0; i < cases; i++)
            {
                for (var j = 0; j < reps; j++)
                {
                    if (random.Next(3) != 0)
                    {
                        edges.Add(new PlacementEdge(i, j, random.Next(1, 102)));
                    }
                }
            }

            var result = PlacementSolver.Solve(cases, capacities, edges);
            Assert.Equal(BruteForce(cases, capacities, edges), result.TotalScore);
            AssertValid(result, capacities, edges);
            Assert.True(result.TotalScore >= GreedyPlacement.Solve(cases, capacities, edges).TotalScore);
        }
    }

    [Fact]
    public void Placement_never_breaks_a_hard_constraint_and_is_never_worse_than_greedy_on_random_instances()
    {
        var random = new Random(7);
        for (var round = 0; round < 30; round++)
        {
            var (cases, reps, conflicts, edges) = RandomInstances.Instance(random, random.Next(20, 120), random.Next(5, 40));
            var capacities = reps.Select(r => r.CapacityLeft).ToArray();
            var best = PlacementSolver.Solve(cases.Count, capacities, edges);
            var greedy = GreedyPlacement.Solve(cases.Count, capacities, edges);
            Assert.True(best.TotalScore >= greedy.TotalScore);
            AssertValid(best, capacities, edges);
            for (var i = 0; i < cases.Count; i++)
            {
                var j = best.RepresentativeOfCase[i];
                if (j < 0)
                {
                    continue;
                }

                // Checked independently of the scorer: each hard constraint written out again.
                var c = cases[i];
                var r = reps[j];
                Assert.DoesNotContain((i, j), conflicts);
                Assert.True(r.MayPractise);
                Assert.True(r.Remote || r.Courts.Contains(c.CourtCode));
                Assert.True(c.Custody == CustodyStatus.Detained ? r.DetainedDocket : r.NonDetainedDocket);
                var until = DateOnly.FromDateTime(c.NextHearingUtc ?? RandomInstances.Now.AddDays(30));
                Assert.DoesNotContain(r.Unavailability, p => p.From <= until && p.To >= DateOnly.FromDateTime(RandomInstances.Now));
            }
        }
    }

    [Fact]
    public void Min_cost_flow_finds_the_cheapest_way_to_send_two_units()
    {
        // 0 -> 1 -> 3 costs 2, 0 -> 2 -> 3 costs 5, 0 -> 1 -> 2 -> 3 costs 1 + 1 + 1 = 3 (1 -> 3 capacity 1).
        var graph = new MinCostFlow(4);
        graph.AddEdge(0, 1, 2, 1);
        graph.AddEdge(0, 2, 1, 4);
        graph.AddEdge(1, 3, 1, 1);
        graph.AddEdge(1, 2, 1, 1);
        graph.AddEdge(2, 3, 2, 1);
        var (flow, cost) = graph.Run(0, 3, 5);
        Assert.Equal(3, flow);
        Assert.Equal(2 + 3 + 5, cost);
    }

    private static void AssertValid(PlacementResult result, int[] capacities, List<PlacementEdge> edges)
    {
        var scores = edges.ToDictionary(e => (e.Case, e.Representative), e => e.Score);
        long total = 0;
        for (var i = 0; i < result.RepresentativeOfCase.Length; i++)
        {
            var j = result.RepresentativeOfCase[i];
            if (j >= 0)
            {
                Assert.True(scores.ContainsKey((i, j)), "placed on an infeasible pair");
                total += scores[(i, j)];
            }
        }

        Assert.Equal(total, result.TotalScore);
        for (var j = 0; j < capacities.Length; j++)
        {
            Assert.True(result.RepresentativeOfCase.Count(x => x == j) <= capacities[j], "capacity exceeded");
        }
    }

    private static long BruteForce(int cases, int[] capacities, List<PlacementEdge> edges)
    {
        var byCase = Enumerable.Range(0, cases).Select(i => edges.Where(e => e.Case == i).ToList()).ToArray();
        var left = capacities.ToArray();
        long best = 0;
        void Go(int i, long total)
        {
            if (i == cases)
            {
                best = Math.Max(best, total);
                return;
            }

            Go(i + 1, total);
            foreach (var e in byCase[i])
            {
                if (left[e.Representative] > 0)
                {
                    left[e.Representative]--;
                    Go(i + 1, total + e.Score);
                    left[e.Representative]++;
                }
            }
        }

        Go(0, 0);
        return best;
    }
}
