using A2Q.Quant.Tensors;
using A2Q.Quant.Tensors.Kernels;
using Xunit;

namespace A2Q.Quant.Tests.Tensors.Kernels;

public class AffineFakeQuantizeKernelTests
{
    // 16 hand-picked values (ties that round to even, both zeros, values beyond either end of the range) and a
    // random 37: two 16-lane blocks, a 5-element scalar tail, so the lanes and the tail see the same cases.
    private static float[] Inputs()
    {
        var random = new SeededRandom(11);
        float[] special = [0.25f, 0.75f, -0.25f, -0.75f, 1.25f, -0f, 0f, -0.1f, 100f, -100f, 3.49f, 3.5f, -4.5f, -3.75f, 1e-8f, -1e-8f];
        var values = new float[16 + 37 + 16];
        special.CopyTo(values, 0);
        for (int i = 16; i < 16 + 37; i++)
        {
            values[i] = MathF.Round(random.Uniform(-6f, 6f), 2);
        }

        special.CopyTo(values, 16 + 37);
        return values;
    }

    [Theory]
    [InlineData(-8f, 7f, 0f)]
    [InlineData(0f, 15f, 0f)]
    [InlineData(0f, 15f, 3f)]
    public void ForwardEqualsTheScalarFormulaBitForBit(float qmin, float qmax, float zeroPoint)
    {
        const float scale = 0.5f;
        var x = Inputs();
        var y = new float[x.Length];

        AffineFakeQuantizeKernel.Forward(x, y, 1f / scale, scale, zeroPoint, qmin, qmax);

        for (int i = 0; i < x.Length; i++)
        {
            float level = Math.Clamp(MathF.Round((x[i] * (1f / scale)) + zeroPoint, MidpointRounding.ToEven), qmin, qmax);
            float expected = (level - zeroPoint) * scale;
            Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(y[i]), $"x[{i}] = {x[i]}: {y[i]}, expected {expected}");
        }

        // Ties go to even: 0.25/0.5 = 0.5 → 0 and 0.75/0.5 = 1.5 → 2 (signed range, zero point 0).
        if (qmin < 0)
        {
            Assert.Equal(0f, y[0]);
            Assert.Equal(1f, y[1]);
            Assert.Equal(-4f, y[9]);
            Assert.Equal(3.5f, y[8]);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BackwardSkipsExactlyTheClippedElements(bool clip)
    {
        const float scale = 0.5f, qmin = -8f, qmax = 7f;
        var x = Inputs();
        var gy = Enumerable.Range(0, x.Length).Select(i => (i % 3) - 1f + (0.125f * i)).ToArray();
        var g = Enumerable.Range(0, x.Length).Select(i => i % 5 == 0 ? -0f : 0.5f * i).ToArray();
        var expected = (float[])g.Clone();
        for (int i = 0; i < x.Length; i++)
        {
            float level = MathF.Round(x[i] * (1f / scale), MidpointRounding.ToEven);
            if (!clip || !(level >= qmax || level <= qmin))
            {
                expected[i] += gy[i];
            }
        }

        AffineFakeQuantizeKernel.Backward(x, gy, g, 1f / scale, 0f, qmin, qmax, clip);

        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(g[i]), $"g[{i}] (x = {x[i]}): {g[i]}, expected {expected[i]}");
        }

        // 100 and −100 lie beyond the range: with clipping their gradient is dropped, in the lanes and in the tail.
        Assert.Equal(clip, g[8] == expected[8] && g[8] == 0.5f * 8);
        Assert.Equal(clip, g[16 + 37 + 8] == 0.5f * (16 + 37 + 8));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AFreshGradientIsWhatAZeroedOneWouldHold(bool clip)
    {
        const float scale = 0.5f, qmin = -8f, qmax = 7f;
        var x = Inputs();
        var gy = Enumerable.Range(0, x.Length).Select(i => i % 4 == 0 ? -0f : (i % 3) - 1f + (0.125f * i)).ToArray();
        var zeroed = new float[x.Length];
        var fresh = Enumerable.Repeat(float.NaN, x.Length).ToArray();

        AffineFakeQuantizeKernel.Backward(x, gy, zeroed, 1f / scale, 0f, qmin, qmax, clip);
        AffineFakeQuantizeKernel.Backward(x, gy, fresh, 1f / scale, 0f, qmin, qmax, clip, fresh: true);

        Assert.Equal(zeroed.Select(BitConverter.SingleToInt32Bits), fresh.Select(BitConverter.SingleToInt32Bits));
    }
}
