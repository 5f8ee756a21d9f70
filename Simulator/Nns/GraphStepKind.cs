namespace A2Q.Simulator.Nns;

/// <summary>What a step of a graph-level model does and how often: per node, per edge or per graph.</summary>
public enum GraphStepKind
{
    /// <summary>A linear map applied to every node: 2·in·out fixed-point operations (multiply, add) per node.</summary>
    NodeLinear,

    /// <summary>A sum over in-edges: one add per edge and column.</summary>
    SumAggregation,

    /// <summary>A normalised sum over in-edges (GCN's d_i^−½·d_j^−½): a multiply and an add per edge and column.</summary>
    WeightedAggregation,

    /// <summary>The mean readout: one add per node and column.</summary>
    MeanPool,

    /// <summary>A linear map applied once per graph (the readout MLP).</summary>
    GraphLinear,
}
