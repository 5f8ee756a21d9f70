using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class SumTests
{
    [Fact]
    public void SumsEveryElement()
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var y = Functional.Sum(tape.Constant(Tensor.FromRows(new float[,] { { 1, 2 }, { 3, 4.5f } })));
        Assert.Equal(10.5f, y.Value.Span[0]);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences() =>
        GradientCheck.Assert(v => Functional.Sum(v[0]), GradientCheck.Random(7, 3, 15));
}
