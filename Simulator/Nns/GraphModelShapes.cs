namespace A2Q.Simulator.Nns;

/// <summary>
/// The graph-level models of Table 6 that exist here, as the authors' scripts build them (paper/REPRODUCTION.md
/// §3 and §5). Batch norms, ReLUs and residual adds are left out: they are not part of the NNS pipeline's
/// fixed-point products, and A.4 does not say how the paper counted them.
/// </summary>
public static class GraphModelShapes
{
    /// <summary>GIN on REDDIT-BINARY (lr_gin_reddit_binary.py): 5 GIN layers of width 64, mean readout, 2 classes.</summary>
    public static GraphModelShape GinRedditBinary { get; } = new(
        "GIN-RE-IB",
        "REDDIT-BINARY",
        [
            // Layer 1 aggregates the 1-dimensional degree feature, maps it to 64 without quantizing it, then
            // feeds a per-node (NNS) quantized QLinear.
            new("conv1.aggregate", GraphStepKind.SumAggregation, 1, 1, NnsInput: false),
            new("conv1.lin0", GraphStepKind.NodeLinear, 1, 64, NnsInput: false),
            new("conv1.lin1", GraphStepKind.NodeLinear, 64, 64, NnsInput: true),
            .. Enumerable.Range(2, 4).SelectMany(l => new GraphModelStep[]
            {
                // The XW quantizer before the sum is per column (4 bits), not an NNS quantizer.
                new($"conv{l}.aggregate", GraphStepKind.SumAggregation, 64, 64, NnsInput: false),
                new($"conv{l}.lin0", GraphStepKind.NodeLinear, 64, 64, NnsInput: true),
                new($"conv{l}.lin1", GraphStepKind.NodeLinear, 64, 64, NnsInput: true),
            }),
            new("readout.pool", GraphStepKind.MeanPool, 64, 64, NnsInput: false),
            new("readout.lin0", GraphStepKind.GraphLinear, 64, 64, NnsInput: true),
            new("readout.lin1", GraphStepKind.GraphLinear, 64, 2, NnsInput: true),
        ],
        PaperFixedMillions: 936.96,
        PaperFloatMillions: 7.35);

    /// <summary>GCN on ZINC (lr_gcn_zinc_bit.py): atom embedding, 4 GCN layers of width 145 without self loops, mean readout.</summary>
    public static GraphModelShape GcnZinc { get; } = new(
        "GCN-ZINC",
        "ZINC",
        [
            .. Enumerable.Range(1, 4).SelectMany(l => new GraphModelStep[]
            {
                new($"conv{l}.lin", GraphStepKind.NodeLinear, 145, 145, NnsInput: true),
                new($"conv{l}.aggregate", GraphStepKind.WeightedAggregation, 145, 145, NnsInput: false),
            }),
            new("readout.pool", GraphStepKind.MeanPool, 145, 145, NnsInput: false),
            new("readout.lin0", GraphStepKind.GraphLinear, 145, 145, NnsInput: true),
            new("readout.lin1", GraphStepKind.GraphLinear, 145, 1, NnsInput: true),
        ],
        PaperFixedMillions: 504.62,
        PaperFloatMillions: 1.74);
}
