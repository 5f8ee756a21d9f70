using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class GlobalPoolTests
{
    private static readonly int[] Graphs = [0, 2, 2, 5];

    [Fact]
    public void PoolsEachGraphsRows()
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var x = tape.Constant(Tensor.FromRows(new float[,] { { 1 }, { 3 }, { 2 }, { 8 }, { -1 } }));
        Assert.Equal(new float[] { 4, 0, 9 }, Functional.GlobalPool(x, Graphs, PoolingMode.Sum).Value.ToArray());
        Assert.Equal(new float[] { 2, 0, 3 }, Functional.GlobalPool(x, Graphs, PoolingMode.Mean).Value.ToArray());
        Assert.Equal(new float[] { 3, 0, 8 }, Functional.GlobalPool(x, Graphs, PoolingMode.Max).Value.ToArray());
    }

    [Theory]
    [InlineData(PoolingMode.Sum)]
    [InlineData(PoolingMode.Mean)]
    [InlineData(PoolingMode.Max)]
    public void GradientMatchesFiniteDifferences(PoolingMode mode) =>
        GradientCheck.Assert(v => Functional.GlobalPool(v[0], Graphs, mode), GradientCheck.Random(5, 4, 43, away: 0.1f));
}
