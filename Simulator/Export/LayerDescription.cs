namespace A2Q.Simulator.Export;

/// <summary>
/// One GNN layer of a trained model: its shape and, when the method learned them, the per-node bitwidth
/// parameters round(|b|) and step sizes of the features its linear map consumes (null where that input is
/// not quantized per node, e.g. the authors' GCN leaves the first layer's raw input unquantized).
/// </summary>
public sealed record LayerDescription(
    string Name,
    int InFeatures,
    int OutFeatures,
    int Heads,
    int[]? BitParameters,
    float[]? StepSizes)
{
    /// <summary>
    /// The bit-serial width of each node's features: round(|b|) − 1, the authors' count (their unsigned
    /// quantizers store b + 1; a signed one's sign rides on the add/subtract, not on a cycle). A parameter of 0
    /// gives q_max = −0.5, which the authors' clamps turn into ±s: one bit.
    /// </summary>
    public int[]? NodeWidths => BitParameters?.Select(WidthOf).ToArray();

    public static int WidthOf(int bitParameter) => bitParameter == 0 ? 1 : Math.Clamp(bitParameter - 1, 0, 32);
}
