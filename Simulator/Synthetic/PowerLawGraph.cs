namespace A2Q.Simulator.Synthetic;

/// <summary>
/// A directed graph with power-law in-degrees, in CSR by target: in-degrees follow the Chung–Lu weights
/// w_i ∝ (i + 1)^(−1/(γ−1)) scaled to the edge count (remainders assigned by a seeded draw, so the total is
/// exact), and each edge's source is uniform. Node ids are shuffled so that id order says nothing of degree.
/// </summary>
public sealed class PowerLawGraph
{
    private PowerLawGraph(int[] rowPointers, int[] sources)
    {
        RowPointers = rowPointers;
        Sources = sources;
    }

    public int[] RowPointers { get; }

    public int[] Sources { get; }

    public int Nodes => RowPointers.Length - 1;

    public long Edges => Sources.Length;

    public int[] InDegrees()
    {
        var degrees = new int[Nodes];
        for (int i = 0; i < degrees.Length; i++)
        {
            degrees[i] = RowPointers[i + 1] - RowPointers[i];
        }

        return degrees;
    }

    /// <param name="exponent">γ of P(d) ∝ d^−γ; real citation and social graphs sit between 2 and 3.</param>
    public static PowerLawGraph Generate(int nodes, int edges, double exponent, ulong seed)
    {
        if (nodes < 1 || edges < 0)
        {
            throw new ArgumentException($"a synthetic graph needs at least one node and no negative edge count, got {nodes} nodes and {edges} edges");
        }

        if (!(exponent > 1))
        {
            throw new ArgumentException($"the power-law exponent must exceed 1, got {exponent}");
        }

        var random = new SplitMix64(seed);
        double alpha = 1 / (exponent - 1);
        var weights = new double[nodes];
        double total = 0;
        for (int i = 0; i < nodes; i++)
        {
            weights[i] = Math.Pow(i + 1, -alpha);
            total += weights[i];
        }

        var degrees = new int[nodes];
        long assigned = 0;
        for (int i = 0; i < nodes; i++)
        {
            double expected = edges * weights[i] / total;
            int whole = (int)expected;
            degrees[i] = whole + (random.NextDouble() < expected - whole ? 1 : 0);
            assigned += degrees[i];
        }

        // Rounding leaves the total a little off; settle the difference one edge at a time on random nodes.
        while (assigned != edges)
        {
            int node = random.NextInt(nodes);
            if (assigned < edges)
            {
                degrees[node]++;
                assigned++;
            }
            else if (degrees[node] > 0)
            {
                degrees[node]--;
                assigned--;
            }
        }

        // Fisher–Yates over the node ids.
        for (int i = nodes - 1; i > 0; i--)
        {
            int j = random.NextInt(i + 1);
            (degrees[i], degrees[j]) = (degrees[j], degrees[i]);
        }

        var rowPointers = new int[nodes + 1];
        for (int i = 0; i < nodes; i++)
        {
            rowPointers[i + 1] = rowPointers[i] + degrees[i];
        }

        var sources = new int[edges];
        for (int k = 0; k < sources.Length; k++)
        {
            sources[k] = random.NextInt(nodes);
        }

        return new PowerLawGraph(rowPointers, sources);
    }
}
