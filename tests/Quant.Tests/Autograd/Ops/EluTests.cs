using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class EluTests
{
    [Fact]
    public void MatchesTheFormula()
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var y = Functional.Elu(tape.Constant(Tensor.FromRows(new float[,] { { -1, 0.5f, 100 } })), 1f);
        Assert.Equal(MathF.Exp(-1) - 1, y.Value[0, 0], 6);
        Assert.Equal(0.5f, y.Value[0, 1]);
        Assert.Equal(100f, y.Value[0, 2]);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences() =>
        GradientCheck.Assert(v => Functional.Elu(v[0], 1.3f), GradientCheck.Random(3, 33, 18, away: 0.05f));
}
