using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Quantization;

public class OrderStatisticsTests
{
    [Theory]
    [InlineData(1, 300_000)]
    [InlineData(2, 300_000)]
    [InlineData(1, 300_007)] // a length that leaves a scalar tail after the 16-lane blocks
    public void HistogramSelectionEqualsSortingOnLargeSkewedTensors(int threads, int n)
    {
        using var compute = new ComputeContext(threads);
        var random = new SeededRandom(4);
        // Half exact zeros (a ReLU output), a heavy tail, repeated values: the cases a histogram must get right.
        var values = new float[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = i % 2 == 0 ? 0f : i % 7 == 0 ? 1000f * random.NextFloat() : MathF.Round(random.Uniform(-3f, 3f), 2);
        }

        var sorted = values.Order().ToArray();
        foreach (var (low, high) in new[] { (0, n - 1), (n / 100, n * 99 / 100), (n / 2, n / 2 + 1), (3000, 149_999) })
        {
            var copy = (float[])values.Clone();
            var (a, b) = OrderStatistics.KthSmallestPair(copy, n, low, high, compute);
            Assert.Equal(sorted[low], a);
            Assert.Equal(sorted[high], b);
        }
    }

    [Fact]
    public void SmallAndConstantInputsUseQuickselect()
    {
        Assert.Equal((1f, 3f), OrderStatistics.KthSmallestPair([3f, 1f, 2f], 3, 0, 2));
        var constant = Enumerable.Repeat(2.5f, 100_000).ToArray();
        Assert.Equal((2.5f, 2.5f), OrderStatistics.KthSmallestPair(constant, constant.Length, 10, 99_000));
    }
}
