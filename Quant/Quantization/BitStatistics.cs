using A2Q.Quant.Nn;

namespace A2Q.Quant.Quantization;

/// <summary>
/// Average feature bits and compression ratio of a quantized model, counted as the authors count them:
/// only the learnable per-node feature quantizers, round(|b|) − 1 per node, mean per layer, then the
/// unweighted mean over layers (paper/REPRODUCTION.md §0.5). The dimension-weighted figure weights each
/// layer by the width of the features it quantizes.
/// </summary>
public static class BitStatistics
{
    /// <summary>The learnable feature quantizers of a model and the width of what each quantizes.</summary>
    public static IReadOnlyList<(string Name, A2qQuantizer Quantizer, int FeatureDimension)> FeatureQuantizers(Module model)
    {
        var found = new List<(string, A2qQuantizer, int)>();
        foreach (var module in model.Modules())
        {
            if (module is IQuantizesInputFeatures { FeatureQuantizer: A2qQuantizer q } reader && q.BitWidth.Role == Autograd.ParameterRole.FeatureBitWidth)
            {
                found.Add((q.BitWidth.Name[..^".bit".Length], q, reader.InFeatures));
            }
        }

        return found;
    }

    public static IReadOnlyList<QuantizedLayerBits> Snapshot(Module model) =>
        FeatureQuantizers(model)
            .Select(f => new QuantizedLayerBits(f.Name, f.FeatureDimension, f.Quantizer.IntegerBits(), f.Quantizer.StepSize.Value.ToArray()))
            .ToList();

    /// <summary>Mean over layers of each layer's mean (round(|b|) − 1); NaN without feature quantizers.</summary>
    public static double AverageBits(IReadOnlyList<QuantizedLayerBits> layers) =>
        layers.Count == 0 ? double.NaN : layers.Average(l => l.AverageBits);

    /// <summary>Σ_l dim_l·Σ_i bits_li / Σ_l dim_l·N_l: bits per stored feature value.</summary>
    public static double DimensionWeightedAverageBits(IReadOnlyList<QuantizedLayerBits> layers)
    {
        double bits = 0, values = 0;
        foreach (var l in layers)
        {
            bits += l.FeatureDimension * l.Bits.Sum(b => b - 1.0);
            values += (double)l.FeatureDimension * l.Bits.Length;
        }

        return values == 0 ? double.NaN : bits / values;
    }

    /// <summary>
    /// Compression ratio of the features (paper A.8 Eq. 19): with M = b·[N·F0 + (L−1)·N·F1] + 32·N·L (the
    /// per-node step sizes stored in float), ratio = 32·[N·F0 + (L−1)·N·F1] / M. The authors' count gives a
    /// 0-bit node −1, so a collapsed model can average below zero; the ratio takes such an average as 0.
    /// </summary>
    public static double CompressionRatio(double averageBits, int nodes, int inputDimension, int hiddenDimension, int layers)
    {
        averageBits = Math.Max(0, averageBits);
        double values = ((double)nodes * inputDimension) + ((layers - 1.0) * nodes * hiddenDimension);
        return 32.0 * values / ((averageBits * values) + (32.0 * nodes * layers));
    }
}
