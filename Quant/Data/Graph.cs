namespace A2Q.Quant.Data;

/// <summary>
/// A directed graph as an edge list (source → target). Undirected datasets store both directions, as PyG does.
/// Graphs built by <see cref="Coalesce"/> (Planetoid, TU) have no duplicate edges and are sorted by
/// (source, target); graph-level loaders otherwise keep the edge order PyG would give (ZINC: sorted; superpixel
/// kNN graphs: as stored), since per-edge attributes are aligned with it.
/// </summary>
public sealed class Graph
{
    public Graph(int nodeCount, int[] sources, int[] targets)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);
        if (sources.Length != targets.Length)
        {
            throw new ArgumentException($"{sources.Length} sources but {targets.Length} targets");
        }

        for (int e = 0; e < sources.Length; e++)
        {
            if ((uint)sources[e] >= (uint)nodeCount || (uint)targets[e] >= (uint)nodeCount)
            {
                throw new ArgumentException($"edge {e} ({sources[e]} -> {targets[e]}) names a node outside [0, {nodeCount})");
            }
        }

        NodeCount = nodeCount;
        Sources = sources;
        Targets = targets;
    }

    public int NodeCount { get; }

    public int EdgeCount => Sources.Length;

    public int[] Sources { get; }

    public int[] Targets { get; }

    /// <summary>
    /// Builds a coalesced graph: self loops dropped (when asked) and duplicate edges merged, the order PyG's
    /// <c>remove_self_loops</c> + <c>coalesce</c> leave (sorted by source, then target).
    /// </summary>
    public static Graph Coalesce(int nodeCount, IReadOnlyList<int> sources, IReadOnlyList<int> targets, bool removeSelfLoops)
    {
        if (sources.Count != targets.Count)
        {
            throw new ArgumentException($"{sources.Count} sources but {targets.Count} targets");
        }

        var keys = new List<long>(sources.Count);
        for (int e = 0; e < sources.Count; e++)
        {
            int s = sources[e], t = targets[e];
            if ((uint)s >= (uint)nodeCount || (uint)t >= (uint)nodeCount)
            {
                throw new ArgumentException($"edge {e} ({s} -> {t}) names a node outside [0, {nodeCount})");
            }

            if (removeSelfLoops && s == t)
            {
                continue;
            }

            keys.Add(((long)s * nodeCount) + t);
        }

        keys.Sort();
        var src = new List<int>(keys.Count);
        var dst = new List<int>(keys.Count);
        long previous = -1;
        foreach (long key in keys)
        {
            if (key == previous)
            {
                continue;
            }

            previous = key;
            src.Add((int)(key / nodeCount));
            dst.Add((int)(key % nodeCount));
        }

        return new Graph(nodeCount, src.ToArray(), dst.ToArray());
    }

    /// <summary>Number of incoming edges per node (PyG's degree(col)); self loops count when the graph has them.</summary>
    public int[] InDegrees()
    {
        var degree = new int[NodeCount];
        foreach (int t in Targets)
        {
            degree[t]++;
        }

        return degree;
    }

    /// <summary>True when every edge's reverse is also an edge.</summary>
    public bool IsSymmetric()
    {
        var set = new HashSet<long>(EdgeCount);
        for (int e = 0; e < EdgeCount; e++)
        {
            set.Add(((long)Sources[e] * NodeCount) + Targets[e]);
        }

        for (int e = 0; e < EdgeCount; e++)
        {
            if (!set.Contains(((long)Targets[e] * NodeCount) + Sources[e]))
            {
                return false;
            }
        }

        return true;
    }
}
