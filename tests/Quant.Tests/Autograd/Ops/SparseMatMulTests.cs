using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class SparseMatMulTests
{
    private static SparseMatrix Input() => SparseMatrix.FromDense(Tensor.FromRows(new float[,]
    {
        { 0, 1, 0, 2 },
        { 0, 0, 0, 0 },
        { 3, 0, 0.5f, 0 },
    }));

    [Fact]
    public void ForwardEqualsDenseProduct()
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var w = tape.Constant(Tensor.FromRows(new float[,] { { 1, 2 }, { 3, 4 }, { 5, 6 }, { 7, 8 } }));
        var y = Functional.SparseMatMul(tape, Input(), w);
        Assert.Equal(new float[] { 17, 20, 0, 0, 5.5f, 9 }, y.Value.ToArray());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(16)]
    [InlineData(19)]
    public void WeightGradientMatchesFiniteDifferences(int outputs)
    {
        var x = Input();
        GradientCheck.Assert(v => Functional.SparseMatMul(v[0].Tape!, x, v[0]), GradientCheck.Random(4, outputs, 3));
    }
}
