using System.Numerics.Tensors;
using A2Q.Quant.Tensors;
using A2Q.Quant.Tensors.Kernels;
using Xunit;

namespace A2Q.Quant.Tests.Tensors.Kernels;

public class MaxMagnitudeKernelTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(64)]
    [InlineData(70)]
    public void TheLargestMagnitudeIsTheOneTensorPrimitivesFindsNaNAndInfinitiesIncluded(int width)
    {
        var random = new SeededRandom(200 + (ulong)width);
        float[] specials = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 0f, float.Epsilon, -float.Epsilon];
        for (int trial = 0; trial < 300; trial++)
        {
            var row = Enumerable.Range(0, width).Select(_ => random.Uniform(-4f, 4f)).ToArray();

            // Most rows get one or two special values somewhere, some at the first or last place of a vector.
            for (int k = 0; k < trial % 3; k++)
            {
                row[random.NextInt(width)] = specials[random.NextInt(specials.Length)];
            }

            float expected = MathF.Abs(TensorPrimitives.MaxMagnitude(row));
            float actual = MaxMagnitudeKernel.AbsoluteMaximum(row);

            Assert.True(
                float.IsNaN(expected) ? float.IsNaN(actual) : BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual),
                $"width {width}, trial {trial}: {actual} instead of {expected} for [{string.Join(", ", row)}]");
        }
    }

    [Fact]
    public void AnEmptyRowHasNoLargestMagnitude() =>
        Assert.Throws<ArgumentException>(() => MaxMagnitudeKernel.AbsoluteMaximum([]));
}
