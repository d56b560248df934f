namespace CounselConnect.Application.Matching;

/// <summary>A feasible pair (hard constraints met) with its fit score.</summary>
public readonly record struct PlacementEdge(int Case, int Representative, int Score);

/// <summary>For each case, the representative index it is placed with, or -1; and the total fit.</summary>
public sealed record PlacementResult(int[] RepresentativeOfCase, long TotalScore)
{
    public int PlacedCount => RepresentativeOfCase.Count(r => r >= 0);
}

/// <summary>How a placement was solved: pricing rounds and the arcs the flow graph finally held.</summary>
public sealed record PlacementStats(int Rounds, int ArcsUsed, int FeasiblePairs);

/// <summary>
/// Batch placement: maximise the total fit of placed cases, each case placed at most once, each representative
/// within their capacity, using only feasible pairs. Solved exactly as a min-cost flow: case i -&gt; representative j
/// costs (MaxScore - score), and every case also has an arc to a "not placed" node costing MaxScore, so all costs are
/// non-negative and the minimum cost equals cases * MaxScore - best total fit.
/// <para>
/// The flow graph first holds only each case's <c>candidatesPerCase</c> best pairs. The flow's potentials are an
/// optimal dual for that graph; a left-out pair whose reduced cost (cost + potential of the case − potential of the
/// representative) is negative could improve the solution, so every such pair is added and the graph solved again
/// (column generation). When no left-out pair has a negative reduced cost, the potentials prove the placement optimal
/// over all pairs: pruning never loses optimality, it only saves time when the best pairs suffice.
/// </para>
/// </summary>
public static class PlacementSolver
{
    /// <summary>Pairs per case in the first graph; chosen on the 2,000 × 1,000 benchmark (docs/benchmarks.md).</summary>
    public const int DefaultCandidatesPerCase = 12;

    public static PlacementResult Solve(int caseCount, IReadOnlyList<int> capacities, IReadOnlyList<PlacementEdge> edges) =>
        Solve(caseCount, capacities, edges, DefaultCandidatesPerCase, out _);

    public static PlacementResult Solve(int caseCount, IReadOnlyList<int> capacities, IReadOnlyList<PlacementEdge> edges, int candidatesPerCase,
        out PlacementStats stats)
    {
        ArgumentNullException.ThrowIfNull(capacities);
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(candidatesPerCase);
        var reps = capacities.Count;
        foreach (var e in edges)
        {
            if (e.Score < 0 || (uint)e.Case >= (uint)caseCount || (uint)e.Representative >= (uint)reps)
            {
                throw new ArgumentException("Edges must name existing cases and representatives with non-negative scores.", nameof(edges));
            }
        }

        // Pairs with a representative who has no room can never carry a case. The rest, grouped by case, best first.
        var usable = new List<PlacementEdge>(edges.Count);
        foreach (var e in edges)
        {
            if (capacities[e.Representative] > 0)
            {
                usable.Add(e);
            }
        }

        var pairs = usable.ToArray();
        Array.Sort(pairs, static (a, b) => a.Case != b.Case ? a.Case.CompareTo(b.Case)
            : a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Representative.CompareTo(b.Representative));
        var maxScore = pairs.Length == 0 ? 1 : Math.Max(1, pairs.Max(e => e.Score));
        var included = new bool[pairs.Length];
        var rank = 0;
        for (var k = 0; k < pairs.Length; k++)
        {
            rank = k > 0 && pairs[k].Case == pairs[k - 1].Case ? rank + 1 : 0;
            included[k] = rank < candidatesPerCase;
        }

        for (var round = 1; ; round++)
        {
            var (graph, arcs) = Build(caseCount, capacities, pairs, included, maxScore);
            graph.Run(graph.NodeCount - 1, graph.NodeCount - 2, caseCount);

            var added = 0;
            for (var k = 0; k < pairs.Length; k++)
            {
                if (!included[k] && maxScore - pairs[k].Score + graph.Potential(pairs[k].Case) - graph.Potential(caseCount + pairs[k].Representative) < 0)
                {
                    included[k] = true;
                    added++;
                }
            }

            if (added > 0)
            {
                continue;
            }

            var result = new int[caseCount];
            Array.Fill(result, -1);
            long total = 0;
            var used = 0;
            for (var k = 0; k < pairs.Length; k++)
            {
                if (included[k])
                {
                    used++;
                    if (graph.FlowOn(arcs[k]) > 0)
                    {
                        result[pairs[k].Case] = pairs[k].Representative;
                        total += pairs[k].Score;
                    }
                }
            }

            stats = new PlacementStats(round, used, edges.Count);
            return new PlacementResult(result, total);
        }
    }

    private static (MinCostFlow Graph, int[] Arcs) Build(int caseCount, IReadOnlyList<int> capacities, PlacementEdge[] pairs, bool[] included, int maxScore)
    {
        var reps = capacities.Count;
        var unplaced = caseCount + reps;
        var sink = unplaced + 1;
        var source = sink + 1;
        var graph = new MinCostFlow(source + 1);
        var arcs = new int[pairs.Length];

        // Cheapest arcs first in each adjacency list (they are pushed front first): Dijkstra settles the sink sooner.
        for (var k = pairs.Length - 1; k >= 0; k--)
        {
            if (included[k])
            {
                arcs[k] = graph.AddEdge(pairs[k].Case, caseCount + pairs[k].Representative, 1, maxScore - pairs[k].Score);
            }
        }

        for (var i = 0; i < caseCount; i++)
        {
            graph.AddEdge(i, unplaced, 1, maxScore);
            graph.AddEdge(source, i, 1, 0);
        }

        for (var j = 0; j < reps; j++)
        {
            if (capacities[j] > 0)
            {
                graph.AddEdge(caseCount + j, sink, capacities[j], 0);
            }
        }

        graph.AddEdge(unplaced, sink, caseCount, 0);
        return (graph, arcs);
    }
}

/// <summary>The baseline: take pairs best score first while the case is free and the representative has room.</summary>
public static class GreedyPlacement
{
    public static PlacementResult Solve(int caseCount, IReadOnlyList<int> capacities, IReadOnlyList<PlacementEdge> edges)
    {
        ArgumentNullException.ThrowIfNull(capacities);
        ArgumentNullException.ThrowIfNull(edges);
        var left = capacities.ToArray();
        var result = new int[caseCount];
        Array.Fill(result, -1);
        long total = 0;
        var order = edges.ToArray();
        Array.Sort(order, static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score)
            : a.Case != b.Case ? a.Case.CompareTo(b.Case) : a.Representative.CompareTo(b.Representative));
        foreach (var e in order)
        {
            if (result[e.Case] < 0 && left[e.Representative] > 0)
            {
                result[e.Case] = e.Representative;
                left[e.Representative]--;
                total += e.Score;
            }
        }

        return new PlacementResult(result, total);
    }
}
