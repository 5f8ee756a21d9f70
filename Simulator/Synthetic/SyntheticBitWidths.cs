namespace A2Q.Simulator.Synthetic;

/// <summary>
/// Synthetic learned bitwidths with a chosen mean and a chosen tie to in-degree: node i at in-degree quantile
/// q_i ∈ [0, 1] gets the continuous width a + s·(2q_i − 1), rounded up or down at random in proportion to its
/// fraction (so the mean stays a), then clamped to [1, 8]. s = 0 spreads nothing; a large s gives high-degree
/// nodes the most bits, as A²Q learns them (paper Figure 4).
/// </summary>
public static class SyntheticBitWidths
{
    /// <param name="byDescendingInDegree">the nodes from the highest in-degree down (<see cref="Workloads.ProcessingOrder.ByDescendingInDegree"/>)</param>
    public static int[] Assign(int[] byDescendingInDegree, double averageBits, double spread, ulong seed)
    {
        int nodes = byDescendingInDegree.Length;
        var random = new SplitMix64(seed);
        var widths = new int[nodes];
        for (int rank = 0; rank < nodes; rank++)
        {
            int node = byDescendingInDegree[nodes - 1 - rank];
            double quantile = nodes == 1 ? 0.5 : rank / (double)(nodes - 1);
            double width = averageBits + spread * (2 * quantile - 1);
            int floor = (int)Math.Floor(width);
            int rounded = floor + (random.NextDouble() < width - floor ? 1 : 0);
            widths[node] = Math.Clamp(rounded, 1, 8);
        }

        return widths;
    }
}
