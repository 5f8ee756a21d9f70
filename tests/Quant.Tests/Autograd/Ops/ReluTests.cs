using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class ReluTests
{
    [Fact]
    public void ZeroesNegatives()
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var y = Functional.Relu(tape.Constant(Tensor.FromRows(new float[,] { { -1, 0, 2 } })));
        Assert.Equal(new float[] { 0, 0, 2 }, y.Value.ToArray());
    }

    [Fact]
    public void GradientMatchesFiniteDifferences() =>
        GradientCheck.Assert(v => Functional.Relu(v[0]), GradientCheck.Random(5, 37, 16, away: 0.05f));
}
