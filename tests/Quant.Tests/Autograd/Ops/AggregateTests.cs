using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class AggregateTests
{
    [Fact]
    public void UnitWeightsSumTheIncomingNeighbours()
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var adjacency = TestGraphs.WeightedSmall();
        var x = tape.Constant(Tensor.FromRows(new float[,] { { 1 }, { 10 }, { 100 }, { 1000 }, { 10000 } }));
        var y = Functional.Aggregate(adjacency, x, unitWeights: true);

        // in-neighbours: 0 ← 1; 1 ← 0, 2; 2 ← 0, 1, 4; 3 ← 2; 4 ← 3
        Assert.Equal(new float[] { 10, 101, 10011, 100, 1000 }, y.Value.ToArray());
    }

    [Theory]
    [InlineData(false, 3)]
    [InlineData(false, 16)]
    [InlineData(true, 67)]
    public void GradientMatchesFiniteDifferences(bool unitWeights, int columns)
    {
        var adjacency = TestGraphs.WeightedSmall();
        GradientCheck.Assert(v => Functional.Aggregate(adjacency, v[0], unitWeights), GradientCheck.Random(5, columns, 4));
    }
}
