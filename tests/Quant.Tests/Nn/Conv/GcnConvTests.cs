using A2Q.Quant.Autograd;
using A2Q.Quant.Data;
using A2Q.Quant.Nn.Conv;
using A2Q.Quant.Tensors;
using A2Q.Quant.Tests.Autograd;
using Xunit;
using static A2Q.Quant.Tests.Nn.Conv.DenseGraphReference;

namespace A2Q.Quant.Tests.Nn.Conv;

public class GcnConvTests
{
    private const double Tolerance = 1e-5;

    [Fact]
    public void ForwardIsNormalizedAdjacencyTimesXwPlusBias()
    {
        var layer = new GcnConv("gcn", 4, 3);
        layer.ResetParameters(new SeededRandom(1));

        // The bias starts at zero; non-zero values make a missing or misplaced bias visible.
        FillDistinct(layer.Bias!, 0.1f, -0.15f);
        var x = Features(5, 4, seed: 61);
        var graph = TestGraphs.SmallInput();

        var xw = Multiply(ToDouble(x), layer.Linear.Weight);
        var expected = AddRow(NormalizedAggregate(graph.Graph, xw), layer.Bias!);

        AssertBothOverloads(layer, x, graph, expected);
    }

    [Fact]
    public void BiasBeforeAggregationAggregatesXwPlusBias()
    {
        var layer = new GcnConv("gcn", 4, 3, biasBeforeAggregation: true);
        layer.ResetParameters(new SeededRandom(1));
        Assert.Null(layer.Bias);

        var linearBias = layer.Linear.Bias!;
        Assert.Contains(linearBias.Value.ToArray(), b => b != 0f);
        var x = Features(5, 4, seed: 62);
        var graph = TestGraphs.SmallInput();

        // Â's rows do not sum to one, so Â(XW + b) differs from ÂXW + b.
        var expected = NormalizedAggregate(graph.Graph, AddRow(Multiply(ToDouble(x), layer.Linear.Weight), linearBias));

        AssertBothOverloads(layer, x, graph, expected);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GradientWithRespectToTheInputMatchesFiniteDifferences(bool biasBeforeAggregation)
    {
        var layer = new GcnConv("gcn", 3, 4, biasBeforeAggregation);
        layer.ResetParameters(new SeededRandom(1));
        var graph = TestGraphs.SmallInput();

        GradientCheck.Assert(v => layer.Forward(v[0], graph), GradientCheck.Random(5, 3, 63));
    }

    /// <summary>Σ over j ∈ N(i) ∪ {i} of h_j / √(d_i d_j), d counting in-edges plus the self loop.</summary>
    private static void AssertBothOverloads(GcnConv layer, Tensor x, GraphInput graph, double[,] expected)
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);

        var dense = layer.Forward(tape.Constant(x), graph);
        var sparse = layer.Forward(tape, SparseMatrix.FromDense(x), graph);

        AssertClose(expected, dense.Value, Tolerance, "dense input");
        AssertClose(expected, sparse.Value, Tolerance, "sparse input");
    }
}
