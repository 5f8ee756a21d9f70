using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class MatMulTests
{
    [Fact]
    public void ForwardMatchesHandComputedProduct()
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var a = tape.Constant(Tensor.FromRows(new float[,] { { 1, 2 }, { 3, 4 } }));
        var b = tape.Constant(Tensor.FromRows(new float[,] { { 5, 6, 7 }, { 8, 9, 10 } }));
        var y = Functional.MatMul(a, b);
        Assert.Equal(new float[] { 21, 24, 27, 47, 54, 61 }, y.Value.ToArray());
    }

    [Theory]
    [InlineData(3, 4, 5)]
    [InlineData(6, 16, 7)]
    [InlineData(5, 3, 17)]
    [InlineData(4, 20, 64)]
    public void GradientMatchesFiniteDifferences(int m, int k, int n) =>
        GradientCheck.Assert(v => Functional.MatMul(v[0], v[1]), GradientCheck.Random(m, k, 1), GradientCheck.Random(k, n, 2));
}
