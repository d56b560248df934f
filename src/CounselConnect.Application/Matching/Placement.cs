namespace CounselConnect.Application.Matching;

/// <summary>A feasible pair (hard constraints met) with its fit score.</summary>
public readonly record struct PlacementEdge(int Case, int Representative, int Score);

/// <summary>For each case, the representative index it is placed with, or -1; and the total fit.</summary>
public sealed record PlacementResult(int[] RepresentativeOfCase, long TotalScore)
{
    public int PlacedCount => RepresentativeOfCase.Count(r => r >= 0);
}

/// <summary>
/// Batch placement: maximise the total fit of placed cases, each case placed at most once, each representative
/// within their capacity, using only feasible pairs. Solved exactly as a min-cost flow: case i -&gt; representative j
/// costs (MaxScore - score), and every case also has an arc to a "not placed" node costing MaxScore, so all costs are
/// non-negative and the minimum cost equals cases * MaxScore - best total fit.
/// </summary>
public static class PlacementSolver
{
    public static PlacementResult Solve(int caseCount, IReadOnlyList<int> capacities, IReadOnlyList<PlacementEdge> edges)
    {
        ArgumentNullException.ThrowIfNull(capacities);
        ArgumentNullException.ThrowIfNull(edges);
        var reps = capacities.Count;
        var maxScore = edges.Count == 0 ? 1 : Math.Max(1, edges.Max(e => e.Score));
        var unplaced = caseCount + reps;
        var sink = unplaced + 1;
        var graph = new MinCostFlow(sink + 1);

        // Cheapest arcs first in each adjacency list: Dijkstra settles the sink sooner.
        var arcs = new int[edges.Count];
        var order = Enumerable.Range(0, edges.Count).OrderBy(i => edges[i].Score).ToArray();
        foreach (var i in order)
        {
            var e = edges[i];
            if (e.Score < 0 || (uint)e.Case >= (uint)caseCount || (uint)e.Representative >= (uint)reps)
            {
                throw new ArgumentException("Edges must name existing cases and representatives with non-negative scores.", nameof(edges));
            }

            arcs[i] = graph.AddEdge(e.Case, caseCount + e.Representative, 1, maxScore - e.Score);
        }

        for (var i = 0; i < caseCount; i++)
        {
            graph.AddEdge(i, unplaced, 1, maxScore);
        }

        for (var j = 0; j < reps; j++)
        {
            if (capacities[j] > 0)
            {
                graph.AddEdge(caseCount + j, sink, capacities[j], 0);
            }
        }

        graph.AddEdge(unplaced, sink, caseCount, 0);
        for (var i = 0; i < caseCount; i++)
        {
            graph.Run(i, sink, 1);
        }

        var result = new int[caseCount];
        Array.Fill(result, -1);
        long total = 0;
        for (var i = 0; i < edges.Count; i++)
        {
            if (graph.FlowOn(arcs[i]) > 0)
            {
                result[edges[i].Case] = edges[i].Representative;
                total += edges[i].Score;
            }
        }

        return new PlacementResult(result, total);
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
        foreach (var e in edges.OrderByDescending(e => e.Score).ThenBy(e => e.Case).ThenBy(e => e.Representative))
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
