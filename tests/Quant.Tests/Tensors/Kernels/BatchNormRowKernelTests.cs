using A2Q.Quant.Tensors;
using A2Q.Quant.Tensors.Kernels;
using Xunit;

namespace A2Q.Quant.Tests.Tensors.Kernels;

public class BatchNormRowKernelTests
{
    // Widths below one vector, exact vectors, and ZINC's 145 (nine vectors and one lane).
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(64)]
    [InlineData(145)]
    public void OnePassRowsEqualTheFormulaStepByStepBitForBit(int f)
    {
        var random = new SeededRandom((ulong)f);
        float[] Values(float low, float high) => Enumerable.Range(0, f).Select(_ => random.Uniform(low, high)).ToArray();
        var x = Values(-3f, 3f);
        var mean = Values(-1f, 1f);
        var invStd = Values(0.1f, 4f);
        var gamma = Values(-2f, 2f);
        var beta = Values(-1f, 1f);
        var dy = Values(-1f, 1f);
        var centre = Values(-0.5f, 0.5f);
        var slope = Values(-20f, 20f);
        var coefficient = Values(-3f, 3f);
        var gxStart = Values(-1f, 1f);
        var sumsStart = Values(0f, 10f);
        const float n = 5917f;

        var normalized = new float[f];
        var y = new float[f];
        BatchNormRowKernel.Normalize(x, mean, invStd, gamma, beta, normalized, y);
        var sums = (float[])sumsStart.Clone();
        BatchNormRowKernel.AddSquaredDeviations(x, mean, sums);
        var gx = (float[])gxStart.Clone();
        BatchNormRowKernel.AddInputGradient(dy, normalized, centre, slope, coefficient, n, gx);

        for (int j = 0; j < f; j++)
        {
            float expectedNormalized = x[j] - mean[j];
            expectedNormalized *= invStd[j];
            float expectedY = expectedNormalized * gamma[j];
            expectedY += beta[j];
            float d = x[j] - mean[j];
            float square = d * d;
            float row = dy[j] - centre[j];
            float term = normalized[j] * slope[j];
            term /= n;
            row -= term;
            row *= coefficient[j];
            Assert.Equal(expectedNormalized, normalized[j]);
            Assert.Equal(expectedY, y[j]);
            Assert.Equal(sumsStart[j] + square, sums[j]);
            Assert.Equal(gxStart[j] + row, gx[j]);
        }
    }

    [Theory]
    [InlineData(7)]
    [InlineData(145)]
    public void AFreshGradientIsWrittenAsZeroPlusTheTermWhateverTheBufferHeld(int f)
    {
        var random = new SeededRandom((ulong)(f + 100));
        float[] Values(float low, float high) => Enumerable.Range(0, f).Select(_ => random.Uniform(low, high)).ToArray();
        var (dy, normalized, centre, slope, coefficient) = (Values(-1f, 1f), Values(-2f, 2f), Values(-0.5f, 0.5f), Values(-9f, 9f), Values(-3f, 3f));
        var cleared = new float[f];
        BatchNormRowKernel.AddInputGradient(dy, normalized, centre, slope, coefficient, 37f, cleared);

        var garbage = Enumerable.Repeat(float.NaN, f).ToArray();
        BatchNormRowKernel.AddInputGradient(dy, normalized, centre, slope, coefficient, 37f, garbage, fresh: true);

        // Bit for bit: a +0 where the accumulating kernel gave −0 is the difference this test is about.
        Assert.Equal(cleared.Select(BitConverter.SingleToInt32Bits), garbage.Select(BitConverter.SingleToInt32Bits));
    }
}
