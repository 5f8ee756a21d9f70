using A2Q.Quant.Data;
using A2Q.Quant.Nn.Conv;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Tests.Autograd;

/// <summary>Tiny hand-made graphs for op and layer tests.</summary>
internal static class TestGraphs
{
    /// <summary>
    /// 5 nodes: 0→1, 1→0, 1→2, 2→1, 2→3, 3→4, 4→2, 0→2 (node 3 has one in-edge, node 0 one, node 2 three).
    /// </summary>
    public static Graph Small() => Graph.Coalesce(5, [0, 1, 1, 2, 2, 3, 4, 0], [1, 0, 2, 1, 3, 4, 2, 2], removeSelfLoops: true);

    public static GraphInput SmallInput() => new(Small());

    /// <summary>A CSR-by-target adjacency with distinct weights, for aggregation gradients.</summary>
    public static SparseMatrix WeightedSmall()
    {
        var g = Small();
        var pattern = CsrPattern.FromCoordinates(g.NodeCount, g.NodeCount, g.Targets, g.Sources, out _);
        var values = new float[pattern.NonZeros];
        for (int p = 0; p < values.Length; p++)
        {
            values[p] = 0.3f + (0.17f * p);
        }

        return new SparseMatrix(pattern, values);
    }
}
