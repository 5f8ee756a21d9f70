namespace A2Q.Quant.Quantization;

/// <summary>Which elements share one (step size, bitwidth) pair.</summary>
public enum QuantizerAxis
{
    /// <summary>One pair per row: per node for features (A²Q's node-wise quantization).</summary>
    PerRow,

    /// <summary>One pair per column: per output unit for weights stored in × out, per feature column for X·W.</summary>
    PerColumn,
}
