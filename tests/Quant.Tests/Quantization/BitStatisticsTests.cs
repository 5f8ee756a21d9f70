using A2Q.Quant.Quantization;
using Xunit;

namespace A2Q.Quant.Tests.Quantization;

public class BitStatisticsTests
{
    // Layer A (16-wide input): round(|b|) = [2, 3, 2, 5] → minus one [1, 2, 1, 4], mean 2.0.
    // Layer B (64-wide input): [3, 4] → [2, 3], mean 2.5.
    private static readonly QuantizedLayerBits[] Layers =
    [
        new("a", 16, [2, 3, 2, 5], new float[4]),
        new("b", 64, [3, 4], new float[2]),
    ];

    [Fact]
    public void AverageBitsIsTheUnweightedMeanOfLayerMeansMinusOne() =>
        Assert.Equal(2.25, BitStatistics.AverageBits(Layers), 12);

    [Fact]
    public void DimensionWeightedAverageWeighsEachValueByItsWidth() =>
        Assert.Equal(448.0 / 192.0, BitStatistics.DimensionWeightedAverageBits(Layers), 12);

    [Fact]
    public void CompressionRatioFollowsEq19()
    {
        // N = 2708, F0 = 1433, F1 = 16, L = 2, b = 1.7: 32·3,923,892 / (1.7·3,923,892 + 32·2708·2) = 18.347
        Assert.Equal(18.347, BitStatistics.CompressionRatio(1.7, 2708, 1433, 16, 2), 3);

        // At 32 bits the per-node float step sizes make the "compressed" model larger than FP32: 32·10⁴ / (32·10⁴ + 32·10³).
        Assert.Equal(10.0 / 11.0, BitStatistics.CompressionRatio(32, 1000, 10, 10, 1), 12);
    }

    [Fact]
    public void NoFeatureQuantizersMeansNoAverage() => Assert.True(double.IsNaN(BitStatistics.AverageBits([])));
}
