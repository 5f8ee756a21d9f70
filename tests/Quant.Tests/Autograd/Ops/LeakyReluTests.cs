using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class LeakyReluTests
{
    [Fact]
    public void ScalesNegativesBySlope()
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var y = Functional.LeakyRelu(tape.Constant(Tensor.FromRows(new float[,] { { -1, 3 } })), 0.2f);
        Assert.Equal(new float[] { -0.2f, 3 }, y.Value.ToArray());
    }

    [Fact]
    public void GradientMatchesFiniteDifferences() =>
        GradientCheck.Assert(v => Functional.LeakyRelu(v[0], 0.2f), GradientCheck.Random(4, 35, 17, away: 0.05f));
}
