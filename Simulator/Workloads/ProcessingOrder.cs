namespace A2Q.Simulator.Workloads;

/// <summary>The node orders a tile schedule can follow.</summary>
public static class ProcessingOrder
{
    /// <summary>
    /// Nodes by descending in-degree, ties by node id (A.7.5: similar in-degrees run together, so the rows of a
    /// tile finish together). A counting sort: linear in the nodes, for million-node graphs.
    /// </summary>
    public static int[] ByDescendingInDegree(int[] inDegrees)
    {
        int maxDegree = 0;
        foreach (int degree in inDegrees)
        {
            if (degree < 0)
            {
                throw new ArgumentException($"in-degree {degree} is negative");
            }

            maxDegree = Math.Max(maxDegree, degree);
        }

        var start = new int[maxDegree + 2];
        foreach (int degree in inDegrees)
        {
            start[maxDegree - degree + 1]++;
        }

        for (int d = 1; d < start.Length; d++)
        {
            start[d] += start[d - 1];
        }

        var order = new int[inDegrees.Length];
        for (int node = 0; node < inDegrees.Length; node++)
        {
            order[start[maxDegree - inDegrees[node]]++] = node;
        }

        return order;
    }

    public static int[] Natural(int nodes)
    {
        var order = new int[nodes];
        for (int i = 0; i < nodes; i++)
        {
            order[i] = i;
        }

        return order;
    }

    internal static void Check(string workload, int[] order, int nodes)
    {
        if (order.Length != nodes)
        {
            throw new ArgumentException($"workload {workload}: the order has {order.Length} entries for {nodes} nodes");
        }

        var seen = new bool[nodes];
        foreach (int node in order)
        {
            if ((uint)node >= (uint)nodes || seen[node])
            {
                throw new ArgumentException($"workload {workload}: the order is not a permutation of the {nodes} nodes (entry {node})");
            }

            seen[node] = true;
        }
    }
}
