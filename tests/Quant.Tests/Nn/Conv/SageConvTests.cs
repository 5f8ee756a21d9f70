using A2Q.Quant.Autograd;
using A2Q.Quant.Data;
using A2Q.Quant.Nn.Conv;
using A2Q.Quant.Tensors;
using A2Q.Quant.Tests.Autograd;
using Xunit;
using static A2Q.Quant.Tests.Nn.Conv.DenseGraphReference;

namespace A2Q.Quant.Tests.Nn.Conv;

public class SageConvTests
{
    private const double Tolerance = 1e-5;

    [Fact]
    public void ForwardIsNeighbourMeanTimesWlPlusBiasPlusSelfTimesWr()
    {
        var graph = TestGraphs.SmallInput();

        AssertForwardMatchesReference(graph, Features(5, 4, seed: 91));
    }

    [Fact]
    public void ANodeWithoutInNeighboursGetsOnlyTheBiasAndTheRootTerm()
    {
        // Node 3 is isolated: its mean is zero, not NaN, in both overloads.
        var graph = new GraphInput(Graph.Coalesce(4, [0, 1, 0], [1, 0, 2], removeSelfLoops: true));

        AssertForwardMatchesReference(graph, Features(4, 4, seed: 92));
    }

    [Fact]
    public void GradientWithRespectToTheInputMatchesFiniteDifferences()
    {
        var layer = new SageConv("sage", 3, 4);
        layer.ResetParameters(new SeededRandom(1));
        var graph = TestGraphs.SmallInput();

        GradientCheck.Assert(v => layer.Forward(v[0], graph), GradientCheck.Random(5, 3, 93));
    }

    private static void AssertForwardMatchesReference(GraphInput graph, Tensor x)
    {
        var layer = new SageConv("sage", 4, 3);
        layer.ResetParameters(new SeededRandom(1));
        var neighbourWeight = ParameterNamed(layer, "sage.lin_l.weight");
        var bias = ParameterNamed(layer, "sage.lin_l.bias");
        var rootWeight = ParameterNamed(layer, "sage.lin_r.weight");
        Assert.Equal(3, layer.Parameters().Count());
        Assert.Contains(bias.Value.ToArray(), b => b != 0f);

        var features = ToDouble(x);
        var expected = Add(AddRow(Multiply(NeighbourMean(graph.Graph, features), neighbourWeight), bias), Multiply(features, rootWeight));

        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var dense = layer.Forward(tape.Constant(x), graph);
        var sparse = layer.Forward(tape, SparseMatrix.FromDense(x), graph);
        AssertClose(expected, dense.Value, Tolerance, "dense input");
        AssertClose(expected, sparse.Value, Tolerance, "sparse input");
    }

    /// <summary>mean over j → i of x_j, zero for a node with no in-edges.</summary>
    private static double[,] NeighbourMean(Graph graph, double[,] x)
    {
        var neighbours = InNeighbours(graph);
        var mean = new double[x.GetLength(0), x.GetLength(1)];
        for (int i = 0; i < graph.NodeCount; i++)
        {
            foreach (int j in neighbours[i])
            {
                for (int c = 0; c < x.GetLength(1); c++)
                {
                    mean[i, c] += x[j, c] / neighbours[i].Count;
                }
            }
        }

        return mean;
    }
}
