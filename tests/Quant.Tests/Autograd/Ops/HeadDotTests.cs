using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class HeadDotTests
{
    [Theory]
    [InlineData(8, 8)]
    [InlineData(1, 7)]
    [InlineData(3, 5)]
    public void GradientMatchesFiniteDifferences(int heads, int channels) =>
        GradientCheck.Assert(v => Functional.HeadDot(v[0], v[1], heads), GradientCheck.Random(5, heads * channels, 33), GradientCheck.Random(1, heads * channels, 34));

    [Fact]
    public void EightByEightKernelEqualsPerHeadSums()
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var z = GradientCheck.Random(3, 64, 35);
        var a = GradientCheck.Random(1, 64, 36);
        var s = Functional.HeadDot(tape.Constant(z), tape.Constant(a), 8);
        for (int i = 0; i < 3; i++)
        {
            for (int h = 0; h < 8; h++)
            {
                double expected = 0;
                for (int c = 0; c < 8; c++)
                {
                    expected += z[i, (h * 8) + c] * a[0, (h * 8) + c];
                }

                Assert.Equal(expected, s.Value[i, h], 5);
            }
        }
    }
}
