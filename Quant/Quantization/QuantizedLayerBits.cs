namespace A2Q.Quant.Quantization;

/// <summary>
/// The learned feature bitwidths of one layer at one epoch: round(|b|) per node and the step sizes, with the
/// width of the features they quantize. What the bit statistics, the figures and the Simulator export read.
/// </summary>
public sealed record QuantizedLayerBits(string Name, int FeatureDimension, int[] Bits, float[] StepSizes)
{
    /// <summary>
    /// The authors' count (utils/quant_utils.py analysis_bit): round(|b|) − 1 per node, for signed and
    /// "b + 1" unsigned quantizers alike, averaged over the nodes of the layer.
    /// </summary>
    public double AverageBits => Bits.Average(b => b - 1.0);
}
