using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class LogSoftmaxTests
{
    [Fact]
    public void RowsExponentiateToOne()
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var y = Functional.LogSoftmax(tape.Constant(Tensor.FromRows(new float[,] { { 1, 2, 3 }, { 1000, 1000, 1000 } })));
        Assert.Equal(1.0, y.Value.Row(0).ToArray().Sum(v => Math.Exp(v)), 5);
        Assert.Equal(Math.Log(1.0 / 3), y.Value[1, 0], 5);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences() =>
        GradientCheck.Assert(v => Functional.LogSoftmax(v[0]), GradientCheck.Random(4, 7, 21, scale: 2f));
}
