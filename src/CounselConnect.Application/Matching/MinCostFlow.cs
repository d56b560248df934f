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
    private readonly bool[] _settled;
    private readonly int[] _current;
    private readonly bool[] _dead;
    private readonly bool[] _onPath;
    private readonly int[] _path;
    private readonly PriorityQueue<int, long> _queue = new();
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
        _settled = new bool[nodes];
        _current = new int[nodes];
        _dead = new bool[nodes];
        _onPath = new bool[nodes];
        _path = new int[nodes + 1];
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

    /// <summary>
    /// The node's potential: after any number of runs, every arc with capacity left has a non-negative reduced cost
    /// (cost + potential[from] − potential[to]), which certifies that the flow is of minimum cost for its supplies.
    /// </summary>
    public long Potential(int node) => _potential[node];

    /// <summary>The flow on an arc returned by <see cref="AddEdge"/>.</summary>
    public int FlowOn(int edge) => _capacityArray is null ? 0 : _capacityArray[edge ^ 1];

    /// <summary>
    /// Pushes up to <paramref name="limit"/> units from source to sink along cheapest paths; returns (flow, cost).
    /// Primal-dual: each phase runs one Dijkstra on reduced costs (stopping once the sink is settled) and raises
    /// the potentials, which makes every shortest path consist of zero-reduced-cost arcs; then as many paths as a
    /// depth-first search finds along those arcs are augmented before the next Dijkstra.
    /// </summary>
    public (int Flow, long Cost) Run(int source, int sink, int limit)
    {
        Freeze();
        var flow = 0;
        long totalCost = 0;
        while (flow < limit && ShortestPaths(source, sink))
        {
            Array.Copy(_head, _current, NodeCount);
            Array.Clear(_dead);
            while (flow < limit)
            {
                var pushed = AugmentAlongZeroReducedCost(source, sink, limit - flow, ref totalCost);
                if (pushed == 0)
                {
                    break;
                }

                flow += pushed;
            }
        }

        return (flow, totalCost);
    }

    /// <summary>Dijkstra on reduced costs with early exit, then the potential update; false when the sink is unreachable.</summary>
    private bool ShortestPaths(int source, int sink)
    {
        var to = _toArray!;
        var next = _nextArray!;
        var cost = _costArray!;
        var capacity = _capacityArray!;
        Array.Fill(_distance, long.MaxValue);
        Array.Clear(_settled);
        _distance[source] = 0;
        _queue.Clear();
        _queue.Enqueue(source, 0);
        while (_queue.TryDequeue(out var u, out var d))
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
                    _queue.Enqueue(v, nd);
                }
            }
        }

        if (!_settled[sink])
        {
            return false;
        }

        var reach = _distance[sink];
        for (var v = 0; v < NodeCount; v++)
        {
            _potential[v] += Math.Min(_distance[v], reach);
        }

        return true;
    }

    /// <summary>
    /// Finds one source-to-sink path of arcs with capacity left and zero reduced cost (iterative depth-first search
    /// with current-arc pointers and dead ends remembered for the phase) and pushes its bottleneck.
    /// </summary>
    private int AugmentAlongZeroReducedCost(int source, int sink, int limit, ref long totalCost)
    {
        var to = _toArray!;
        var next = _nextArray!;
        var cost = _costArray!;
        var capacity = _capacityArray!;
        var depth = 0;
        _path[0] = source;
        _onPath[source] = true;
        while (depth >= 0)
        {
            var u = _path[depth];
            if (u == sink)
            {
                var push = limit;
                for (var k = 0; k < depth; k++)
                {
                    push = Math.Min(push, capacity[_current[_path[k]]]);
                }

                for (var k = 0; k < depth; k++)
                {
                    var e = _current[_path[k]];
                    capacity[e] -= push;
                    capacity[e ^ 1] += push;
                    totalCost += push * cost[e];
                }

                for (var k = 0; k <= depth; k++)
                {
                    _onPath[_path[k]] = false;
                }

                return push;
            }

            var advanced = false;
            for (; _current[u] >= 0; _current[u] = next[_current[u]])
            {
                var e = _current[u];
                var v = to[e];
                if (capacity[e] > 0 && !_dead[v] && !_onPath[v] && cost[e] + _potential[u] - _potential[v] == 0)
                {
                    _path[++depth] = v;
                    _onPath[v] = true;
                    advanced = true;
                    break;
                }
            }

            if (!advanced)
            {
                _dead[u] = true;
                _onPath[u] = false;
                depth--;
                if (depth >= 0)
                {
                    var parent = _path[depth];
                    _current[parent] = next[_current[parent]];
                }
            }
        }

        return 0;
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
