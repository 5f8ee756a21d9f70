using A2Q.Quant.Quantization;

namespace A2Q.Quant.Nn;

/// <summary>
/// A module that quantizes the node features it reads, one (step, bitwidth) per node (A²Q's fea_quant):
/// what the bit statistics, the memory penalty (Eq. 5) and the Simulator export count.
/// </summary>
public interface IQuantizesInputFeatures
{
    /// <summary>The per-node input quantizer; null leaves the input in float.</summary>
    ITensorQuantizer? FeatureQuantizer { get; }

    /// <summary>The width of the features it quantizes (dim^l of Eq. 5).</summary>
    int InFeatures { get; }
}
