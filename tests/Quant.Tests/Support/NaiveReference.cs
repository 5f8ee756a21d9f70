using Xunit;

namespace A2Q.Quant.Tests.Support;

/// <summary>Checks kernel outputs against double-precision naive references.</summary>
internal static class NaiveReference
{
    public const double RelativeTolerance = 1e-4;

    /// <summary>
    /// Each |actual − expected| must be within the relative tolerance of that entry's magnitude Σ|a·b| (not of the
    /// result, which can cancel to near zero).
    /// </summary>
    public static void AssertClose(double[] expected, double[] magnitude, ReadOnlySpan<float> actual, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            if (!(error <= RelativeTolerance * magnitude[i]))
            {
                Assert.Fail($"{context}: element {i} is {actual[i]:G9}, expected {expected[i]:G9}");
            }
        }
    }

    public static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
