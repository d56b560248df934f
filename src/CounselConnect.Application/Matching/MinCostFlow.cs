namespace CounselConnect.Application.Matching;

/// <summary>
/// Minimum-cost flow by successive shortest paths with Johnson potentials: each augmentation runs Dijkstra on
/// reduced costs (never negative while the potentials are kept), stopping as soon as the sink is settled, then
/// raises every potential by min(distance, distance to sink). Edge costs must be non-negative when added.
/// Augmenting from any node with supply keeps the potentials valid, so callers may push flow one source at a time.
/// </summary>
public sealed class MinCostFlow
{
    private readonly List<int> _to = [];
    private readonly List<int> _capacity = [];
    private readonly List<long> _cost = [];
    private readonly List<int> _next = [];
    private readonly int[] _head;
    private readonly long[] _potential;
    private readonly long[] _distance;
    private readonly int[] _previousEdge;
    private readonly bool[] _settled;
    private int[]? _toArray;
    private int[]? _nextArray;
    private long[]? _costArray;
    private int[]? _capacityArray;

    public MinCostFlow(int nodes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodes);
        NodeCount = nodes;
        _head = new int[nodes];
        Array.Fill(_head, -1);
        _potential = new long[nodes];
        _distance = new long[nodes];
        _previousEdge = new int[nodes];
        _settled = new bool[nodes];
    }

    public int NodeCount { get; }

    /// <summary>Adds an arc and returns its index (its reverse arc is index + 1).</summary>
    public int AddEdge(int from, int to, int capacity, long cost)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cost);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        if (_toArray is not null)
        {
            throw new InvalidOperationException("Add every edge before the first augmentation.");
        }

        var index = _to.Count;
        Add(from, to, capacity, cost);
        Add(to, from, 0, -cost);
        return index;
    }

    /// <summary>The flow on an arc returned by <see cref="AddEdge"/>.</summary>
    public int FlowOn(int edge) => _capacityArray is null ? 0 : _capacityArray[edge ^ 1];

    /// <summary>Pushes up to <paramref name="limit"/> units from source to sink along cheapest paths; returns (flow, cost).</summary>
    public (int Flow, long Cost) Run(int source, int sink, int limit)
    {
        Freeze();
        var to = _toArray!;
        var next = _nextArray!;
        var cost = _costArray!;
        var capacity = _capacityArray!;
        var flow = 0;
        long totalCost = 0;
        var queue = new PriorityQueue<int, long>();
        while (flow < limit)
        {
            Array.Fill(_distance, long.MaxValue);
            Array.Clear(_settled);
            _distance[source] = 0;
            queue.Clear();
            queue.Enqueue(source, 0);
            while (queue.TryDequeue(out var u, out var d))
            {
                if (_settled[u] || d > _distance[u])
                {
                    continue;
                }

                _settled[u] = true;
                if (u == sink)
                {
                    break;
                }

                for (var e = _head[u]; e >= 0; e = next[e])
                {
                    if (capacity[e] <= 0)
                    {
                        continue;
                    }

                    var v = to[e];
                    var nd = d + cost[e] + _potential[u] - _potential[v];
                    if (nd < _distance[v])
                    {
                        _distance[v] = nd;
                        _previousEdge[v] = e;
                        queue.Enqueue(v, nd);
                    }
                }
            }

            if (!_settled[sink])
            {
                break;
            }

            var reach = _distance[sink];
            for (var v = 0; v < NodeCount; v++)
            {
                if (_distance[v] != long.MaxValue)
                {
                    _potential[v] += Math.Min(_distance[v], reach);
                }
                else
                {
                    _potential[v] += reach;
                }
            }

            var push = limit - flow;
            for (var v = sink; v != source; v = to[_previousEdge[v] ^ 1])
            {
                push = Math.Min(push, capacity[_previousEdge[v]]);
            }

            for (var v = sink; v != source; v = to[_previousEdge[v] ^ 1])
            {
                var e = _previousEdge[v];
                capacity[e] -= push;
                capacity[e ^ 1] += push;
                totalCost += push * cost[e];
            }

            flow += push;
        }

        return (flow, totalCost);
    }

    private void Add(int from, int to, int capacity, long cost)
    {
        _to.Add(to);
        _capacity.Add(capacity);
        _cost.Add(cost);
        _next.Add(_head[from]);
        _head[from] = _to.Count - 1;
    }

    private void Freeze()
    {
        if (_toArray is not null)
        {
            return;
        }

        _toArray = [.. _to];
        _nextArray = [.. _next];
        _costArray = [.. _cost];
        _capacityArray = [.. _capacity];
    }
}
