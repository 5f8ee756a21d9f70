using A2Q.Quant.Tensors;
using A2Q.Quant.Tensors.Kernels;
using Xunit;
using static A2Q.Quant.Tests.Support.NaiveReference;

namespace A2Q.Quant.Tests.Tensors.Kernels;

/// <summary>
/// The quantizer kernels are elementwise: an element's value must not depend on whether it falls in a full 16-lane
/// block, the masked last block or a scalar tail, and the last block must not write past its row.
/// </summary>
public class QuantizeKernelTests
{
    [Theory]
    [InlineData(0.25f, 3f)]
    [InlineData(0.1f, 0f)]
    [InlineData(0.4f, -0.5f)] // n = 0 bits: q_max = −½
    public void ForwardRowGivesEveryLengthTheScalarValuesAndStopsAtTheRowEnd(float step, float qmax)
    {
        for (int length = 0; length <= 40; length++)
        {
            var x = Inputs(length, seed: (ulong)(10 + length), step, qmax);
            var y = new float[length + 16];
            Array.Fill(y, float.NaN);

            QuantizeKernel.ForwardRow(x, y.AsSpan(0, length), step, qmax);

            for (int i = 0; i < length; i++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(step * QuantizeKernel.Level(x[i], step, qmax)), BitConverter.SingleToInt32Bits(y[i]));
            }

            Assert.All(y.Skip(length), v => Assert.True(float.IsNaN(v), $"length {length}: written past the row"));
        }
    }

    [Theory]
    [InlineData(true, false, true)]
    [InlineData(false, false, true)]
    [InlineData(true, true, true)]
    [InlineData(false, true, false)]
    public void RowTermsOfAnyLengthEqualTheSameElementsInFullBlocks(bool taskGradient, bool clip, bool inputGradient)
    {
        const float step = 0.2f, qmax = 3f;
        for (int length = 0; length <= 40; length++)
        {
            var x = Inputs(length, seed: (ulong)(100 + length), step, qmax);
            var random = new SeededRandom((ulong)(200 + length));
            var y = x.Select(v => step * QuantizeKernel.Level(v, step, qmax)).ToArray();
            var gy = Enumerable.Range(0, length).Select(_ => random.Uniform(-1f, 1f)).ToArray();
            var gx0 = Enumerable.Range(0, length).Select(_ => random.Uniform(-1f, 1f)).ToArray();

            var gx = Guarded(gx0);
            var stepTerms = Guarded(new float[length]);
            var bitTerms = Guarded(new float[length]);
            QuantizeKernel.RowTerms(
                x, y, gy, inputGradient ? gx.AsSpan(0, length) : default, inputGradient, step, qmax, taskGradient, clip,
                stepTerms.AsSpan(0, length), bitTerms.AsSpan(0, length));

            for (int i = 0; i < length; i++)
            {
                // Element i alone, repeated over one full block.
                var gxBlock = Enumerable.Repeat(gx0[i], 16).ToArray();
                var stepBlock = new float[16];
                var bitBlock = new float[16];
                QuantizeKernel.RowTerms(
                    Enumerable.Repeat(x[i], 16).ToArray(), Enumerable.Repeat(y[i], 16).ToArray(), Enumerable.Repeat(gy[i], 16).ToArray(),
                    inputGradient ? gxBlock : default, inputGradient, step, qmax, taskGradient, clip, stepBlock, bitBlock);

                string at = $"length {length}, element {i}";
                Assert.True(Bits([stepBlock[0], bitBlock[0], gxBlock[0]]).SequenceEqual(Bits([stepTerms[i], bitTerms[i], gx[i]])), at);
            }

            foreach (var buffer in new[] { gx, stepTerms, bitTerms })
            {
                Assert.All(buffer.Skip(length), v => Assert.True(float.IsNaN(v), $"length {length}: written past the row"));
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AFreshInputGradientIsWhatAZeroedOneWouldHold(bool clip)
    {
        const float step = 0.2f, qmax = 3f;
        const int length = 37; // two full blocks and a tail
        var x = Inputs(length, seed: 300, step, qmax);
        var y = x.Select(v => step * QuantizeKernel.Level(v, step, qmax)).ToArray();
        var gy = Enumerable.Range(0, length).Select(i => i % 5 == 0 ? -0f : (i % 3) - 1.25f).ToArray();
        var steps = Enumerable.Repeat(step, length).ToArray();
        var qmaxes = Enumerable.Repeat(qmax, length).ToArray();

        foreach (var kernel in new Action<float[], bool>[]
        {
            (gx, fresh) => QuantizeKernel.BackwardRow(x, y, gy, gx, true, step, qmax, taskGradient: true, clip, fresh),
            (gx, fresh) => QuantizeKernel.RowTerms(x, y, gy, gx, true, step, qmax, taskGradient: false, clip, new float[length], new float[length], fresh),
            (gx, fresh) => QuantizeKernel.BackwardColumns(x, y, gy, gx, true, steps, qmaxes, taskGradient: true, clip, new float[length], new float[length], fresh),
        })
        {
            var zeroed = new float[length];
            var fresh = Enumerable.Repeat(float.NaN, length).ToArray();

            kernel(zeroed, false);
            kernel(fresh, true);

            Assert.Equal(Bits(zeroed), Bits(fresh));
        }
    }

    /// <summary>Values inside and beyond ±q_max·s, exact zeros and half-step ties.</summary>
    private static float[] Inputs(int length, ulong seed, float step, float qmax)
    {
        var random = new SeededRandom(seed);
        float reach = Math.Max(1f, qmax + 2f) * step;
        return Enumerable.Range(0, length).Select(i => (i % 7) switch
        {
            0 => 0f,
            1 => step * 1.5f,
            _ => random.Uniform(-reach, reach),
        }).ToArray();
    }

    private static float[] Guarded(float[] values) => [.. values, .. Enumerable.Repeat(float.NaN, 16)];
}
