using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class EdgeSoftmaxTests
{
    [Fact]
    public void EachNodesIncomingWeightsSumToOnePerHead()
    {
        var edges = TestGraphs.SmallInput().WithSelfLoops;
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var alpha = Functional.EdgeSoftmax(edges, tape.Constant(GradientCheck.Random(edges.NonZeros, 3, 39, scale: 4f)));
        for (int i = 0; i < edges.Rows; i++)
        {
            for (int h = 0; h < 3; h++)
            {
                double sum = 0;
                for (int p = edges.RowPointers[i]; p < edges.RowPointers[i + 1]; p++)
                {
                    sum += alpha.Value[p, h];
                }

                Assert.Equal(1.0, sum, 5);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    public void GradientMatchesFiniteDifferences(int heads)
    {
        var edges = TestGraphs.SmallInput().WithSelfLoops;
        GradientCheck.Assert(v => Functional.EdgeSoftmax(edges, v[0]), GradientCheck.Random(edges.NonZeros, heads, 40, scale: 2f));
    }
}
