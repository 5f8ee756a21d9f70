using A2Q.Simulator.Hardware;
using A2Q.Simulator.Workloads;

namespace A2Q.Simulator.Synthetic;

/// <summary>
/// The speedup over INT4 as a function of the average bits and of their spread across in-degrees, on one
/// synthetic power-law graph with a 2-layer GCN in which every node feature carries its node's width, as the
/// paper's §3.1 describes A²Q (not the authors' code, which keeps the first input and XW at fixed widths):
/// the combination reads X at each node's width, and the aggregation gathers B rows at their source's width.
/// </summary>
public static class SpeedupSweep
{
    public static IEnumerable<SweepPoint> Run(
        PowerLawGraph graph, int inputFeatures, int hidden, int classes,
        IReadOnlyList<double> averageBits, IReadOnlyList<double> spreads, HardwareConfig hardware, ulong seed)
    {
        int[] inDegrees = graph.InDegrees();
        int[] sorted = ProcessingOrder.ByDescendingInDegree(inDegrees);
        var adjacency = SelfLoopAdjacency.FromCsr(graph.RowPointers, graph.Sources);
        int[] natural = ProcessingOrder.Natural(graph.Nodes);
        var four = new int[graph.Nodes];
        Array.Fill(four, 4);
        var uniform = AcceleratorSimulator.Run(Build(adjacency, four, four, inputFeatures, hidden, classes, sorted), hardware);
        foreach (double average in averageBits)
        {
            foreach (double spread in spreads)
            {
                ulong drawSeed = seed ^ (ulong)BitConverter.DoubleToInt64Bits(average) ^ ((ulong)BitConverter.DoubleToInt64Bits(spread) << 1);
                int[] first = SyntheticBitWidths.Assign(sorted, average, spread, drawSeed);
                int[] second = SyntheticBitWidths.Assign(sorted, average, spread, drawSeed + 1);
                var learned = AcceleratorSimulator.Run(Build(adjacency, first, second, inputFeatures, hidden, classes, sorted), hardware);
                var learnedUnsorted = AcceleratorSimulator.Run(Build(adjacency, first, second, inputFeatures, hidden, classes, natural), hardware);
                yield return new SweepPoint(
                    average, spread, (first.Average() + second.Average()) / 2, learned.Cycles, learnedUnsorted.Cycles, uniform.Cycles,
                    learned.Energy.TotalPicojoules, uniform.Energy.TotalPicojoules);
            }
        }
    }

    /// <summary>One inference of the 2-layer GCN; Â has the graph's edges plus a self loop per node.</summary>
    public static Workload Build(SelfLoopAdjacency adjacency, int[] first, int[] second, int inputFeatures, int hidden, int classes, int[] order)
    {
        var (rowPointers, sources) = (adjacency.RowPointers, adjacency.Sources);
        var phases = new Phase[]
        {
            new CombinationPhase("conv1.combine", first, inputFeatures, hidden, 4),
            AggregationPhase.FromGraph("conv1.aggregate", rowPointers, sources, first, hidden, 4),
            new CombinationPhase("conv2.combine", second, hidden, classes, 4),
            AggregationPhase.FromGraph("conv2.aggregate", rowPointers, sources, second, classes, 32),
        };
        return new Workload($"powerlaw-{adjacency.Nodes}", phases, order);
    }
}
