using A2Q.Quant.Tensors;
using A2Q.Quant.Tensors.Kernels;
using A2Q.Quant.Tests.Autograd;
using Xunit;

namespace A2Q.Quant.Tests.Tensors.Kernels;

public class DropoutMaskTests
{
    private const ulong Key = 0x5DEE_CE66_2545_F491UL;

    [Theory]
    [InlineData(0L)]
    [InlineData(333L)]
    [InlineData(5_000_000_011L)]
    public void VectorPathAndScalarTailAgreeWithKeepElementByElement(long start)
    {
        // 37 = two 16-lane blocks and a 5-element scalar tail.
        uint threshold = DropoutMask.Threshold(0.5f);
        var x = GradientCheck.Random(1, 37, 31, scale: 1f, away: 0.1f).ToArray();
        var y = new float[37];

        DropoutMask.Apply(Key, start, threshold, 2f, x, y);

        for (int i = 0; i < 37; i++)
        {
            float expected = DropoutMask.Keep(Key, start + i, threshold) ? x[i] * 2f : 0f;
            Assert.True(expected == y[i], $"element {i} (index {start + i}): {y[i]}, expected {expected}");
        }

        // Both outcomes must occur in the vector part and in the tail, or the comparison above proves little.
        Assert.Contains(y[..32], v => v == 0f);
        Assert.Contains(y[..32], v => v != 0f);
        Assert.Contains(y[32..], v => v == 0f);
        Assert.Contains(y[32..], v => v != 0f);
    }

    [Fact]
    public void TheMaskOfASubRangeEqualsTheSamePositionsOfTheFullMask()
    {
        uint threshold = DropoutMask.Threshold(0.3f);
        var x = GradientCheck.Random(1, 1000, 32, scale: 1f, away: 0.1f).ToArray();
        var whole = new float[1000];
        var pieces = new float[1000];

        DropoutMask.Apply(Key, 0, threshold, 1f / 0.7f, x, whole);
        DropoutMask.Apply(Key, 0, threshold, 1f / 0.7f, x.AsSpan(0, 333), pieces.AsSpan(0, 333));
        DropoutMask.Apply(Key, 333, threshold, 1f / 0.7f, x.AsSpan(333), pieces.AsSpan(333));

        Assert.Equal(whole, pieces);
    }

    [Theory]
    [InlineData(0.1f)]
    [InlineData(0.5f)]
    [InlineData(0.9f)]
    public void TheKeptFractionIsOneMinusP(float p)
    {
        const int n = 100_000;
        var ones = Enumerable.Repeat(1f, n).ToArray();
        var y = new float[n];

        DropoutMask.Apply(Key, 0, DropoutMask.Threshold(p), 1f, ones, y);

        // The standard error of the fraction is at most 0.0016 here; 0.01 is six of them.
        double kept = y.Count(v => v != 0f) / (double)n;
        Assert.InRange(kept, 1 - p - 0.01, 1 - p + 0.01);
    }

    [Theory]
    [InlineData(0.1f)]
    [InlineData(0.5f)]
    [InlineData(0.9f)]
    public void KeepIsTheSameTestAsCounterRandomUniformAtLeastP(float p)
    {
        uint threshold = DropoutMask.Threshold(p);
        var stream = new CounterRandom(Key);
        for (long i = 0; i < 10_000; i++)
        {
            Assert.Equal(stream.Uniform(i) >= p, DropoutMask.Keep(Key, i, threshold));
        }
    }

    [Fact]
    public void PZeroKeepsEverythingAndScalesByOne()
    {
        var x = GradientCheck.Random(1, 37, 33).ToArray();
        var y = new float[37];

        DropoutMask.Apply(Key, 0, DropoutMask.Threshold(0f), 1f, x, y);

        Assert.Equal(x, y);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(333L)]
    public void AccumulateGradientUsesTheSameMaskAsApply(long start)
    {
        uint threshold = DropoutMask.Threshold(0.4f);
        const float scale = 1f / 0.6f;
        var ones = Enumerable.Repeat(1f, 37).ToArray();
        var mask = new float[37];
        DropoutMask.Apply(Key, start, threshold, scale, ones, mask);
        var gy = GradientCheck.Random(1, 37, 34, scale: 1f, away: 0.1f).ToArray();
        var initial = GradientCheck.Random(1, 37, 35).ToArray();
        var g = (float[])initial.Clone();

        DropoutMask.AccumulateGradient(Key, start, threshold, scale, gy, g);

        for (int i = 0; i < 37; i++)
        {
            float expected = mask[i] != 0f ? initial[i] + (gy[i] * scale) : initial[i];
            Assert.True(expected == g[i], $"element {i}: {g[i]}, expected {expected} (kept: {mask[i] != 0f})");
        }
    }
}
