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

    [Theory]
    [InlineData(false, 300_000)]
    [InlineData(true, 300_000)]
    [InlineData(false, 250_013)]
    public void SampledThresholdsSettleDegreeQuantsPercentilesExactly(bool reluLike, int n)
    {
        // DQ's ranks: k = ⌊n·0.01⌋ and ⌊n·0.99⌋ (1-based). A ReLU output's low percentile is a tie at 0 (the
        // threshold itself); a signed activation's is selected among the kept tail.
        var random = new SeededRandom(11);
        var values = new float[n];
        for (int i = 0; i < n; i++)
        {
            float v = random.Uniform(-1f, 1f) * (1f + (5f * random.NextFloat() * random.NextFloat()));
            values[i] = reluLike ? Math.Max(0f, v) : v;
        }

        var before = (float[])values.Clone();
        var sorted = values.Order().ToArray();
        int low = (n / 100) - 1, high = (n * 99 / 100) - 1;

        var found = OrderStatistics.ByThresholds(values, low, high);

        Assert.NotNull(found);
        Assert.Equal((sorted[low], sorted[high]), found.Value);
        Assert.Equal(before, values);
    }

    [Fact]
    public void AMisleadingSampleOrAMiddleRankFallsBackToTheHistogram()
    {
        // Every sampled position (a multiple of the stride) holds 0 and everything else lies below it: the counts
        // cannot settle the 1% rank from that sample, and the answer must still be exact.
        int n = 1 << 16;
        int stride = n / 4096;
        var random = new SeededRandom(12);
        var values = new float[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = i % stride == 0 ? 0f : -1f - random.NextFloat();
        }

        var sorted = values.Order().ToArray();
        Assert.Null(OrderStatistics.ByThresholds(values, n / 100, n - 1));
        Assert.Equal((sorted[n / 100], sorted[n - 1]), OrderStatistics.KthSmallestPair(values, n, n / 100, n - 1));

        var middle = Enumerable.Range(0, n).Select(_ => random.Uniform(-1f, 1f)).ToArray();
        var middleSorted = middle.Order().ToArray();
        Assert.Null(OrderStatistics.ByThresholds(middle, n / 2, (n / 2) + 1));
        Assert.Equal((middleSorted[n / 2], middleSorted[(n / 2) + 1]), OrderStatistics.KthSmallestPair(middle, n, n / 2, (n / 2) + 1));
    }
}
