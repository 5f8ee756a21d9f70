using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class ConcatTests
{
    [Fact]
    public void PlacesPartsSideBySide()
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var y = Functional.Concat([tape.Constant(Tensor.FromRows(new float[,] { { 1 }, { 2 } })), tape.Constant(Tensor.FromRows(new float[,] { { 3, 4 }, { 5, 6 } }))]);
        Assert.Equal(new float[] { 1, 3, 4, 2, 5, 6 }, y.Value.ToArray());
    }

    [Fact]
    public void GradientMatchesFiniteDifferences() =>
        GradientCheck.Assert(v => Functional.Concat([v[0], v[1], v[0]]), GradientCheck.Random(3, 2, 30), GradientCheck.Random(3, 4, 31));
}
