namespace A2Q.Simulator.Workloads;

/// <summary>
/// Â's pattern as the accelerator walks it: CSR by target, each row holding the node itself and then its in-edges'
/// sources. Built once per graph and shared by every aggregation that gathers per-node widths.
/// </summary>
public sealed record SelfLoopAdjacency(int[] RowPointers, int[] Sources)
{
    public int Nodes => RowPointers.Length - 1;

    /// <summary>From CSR by target without self loops (row i lists the sources of i's in-edges).</summary>
    public static SelfLoopAdjacency FromCsr(int[] rowPointers, int[] sources)
    {
        int nodes = rowPointers.Length - 1;
        var withLoops = new int[nodes + 1];
        var all = new int[sources.Length + nodes];
        for (int row = 0; row < nodes; row++)
        {
            int start = rowPointers[row], length = rowPointers[row + 1] - start, at = withLoops[row];
            all[at] = row;
            Array.Copy(sources, start, all, at + 1, length);
            withLoops[row + 1] = at + length + 1;
        }

        return new SelfLoopAdjacency(withLoops, all);
    }

    /// <summary>From an edge list (source → target), in the list's order within each row.</summary>
    public static SelfLoopAdjacency FromEdges(int nodes, int[] sources, int[] targets)
    {
        var rowPointers = new int[nodes + 1];
        foreach (int target in targets)
        {
            rowPointers[target + 1]++;
        }

        for (int i = 0; i < nodes; i++)
        {
            rowPointers[i + 1] += rowPointers[i];
        }

        var next = rowPointers[..^1];
        var ordered = new int[sources.Length];
        for (int e = 0; e < sources.Length; e++)
        {
            ordered[next[targets[e]]++] = sources[e];
        }

        return FromCsr(rowPointers, ordered);
    }
}
