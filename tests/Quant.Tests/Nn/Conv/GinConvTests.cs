using A2Q.Quant.Autograd;
using A2Q.Quant.Data;
using A2Q.Quant.Nn;
using A2Q.Quant.Nn.Conv;
using A2Q.Quant.Tensors;
using A2Q.Quant.Tests.Autograd;
using Xunit;
using static A2Q.Quant.Tests.Nn.Conv.DenseGraphReference;

namespace A2Q.Quant.Tests.Nn.Conv;

public class GinConvTests
{
    private const double Tolerance = 1e-5;

    [Fact]
    public void ForwardIsTheMlpOfOnePlusEpsilonSelfPlusTheNeighbourSum()
    {
        var mlp = new Mlp("gin.nn", [4, 6, 3], reluAfterLast: false, LinearBiasInit.PyTorchDefault);
        var layer = new GinConv("gin", mlp, trainEpsilon: true);
        layer.ResetParameters(new SeededRandom(1));
        layer.Epsilon.Value[0, 0] = 0.3f;
        var x = Features(5, 4, seed: 71);
        var graph = TestGraphs.SmallInput();

        var expected = ReferenceMlp(mlp, Combine(graph.Graph, ToDouble(x), 0.3));

        AssertBothOverloads(layer, x, graph, expected);
    }

    [Fact]
    public void AFixedEpsilonFromTheConstructorIsUsedAndIsNotAParameter()
    {
        var mlp = new Mlp("gin.nn", [4, 3], reluAfterLast: true, LinearBiasInit.PyTorchDefault);
        var layer = new GinConv("gin", mlp, trainEpsilon: false, epsilon: 0.3f);
        layer.ResetParameters(new SeededRandom(1));
        var x = Features(5, 4, seed: 72);
        var graph = TestGraphs.SmallInput();

        Assert.DoesNotContain(layer.Epsilon, layer.Parameters());
        Assert.Equal(0.3f, layer.Epsilon.Value[0, 0]);
        var expected = Relu(ReferenceMlp(mlp, Combine(graph.Graph, ToDouble(x), 0.3)));

        AssertBothOverloads(layer, x, graph, expected);
    }

    [Fact]
    public void GradientWithRespectToTheInputMatchesFiniteDifferences()
    {
        // One linear map keeps the layer smooth: a ReLU kink within ε of a pre-activation would spoil the differences.
        var mlp = new Mlp("gin.nn", [3, 4], reluAfterLast: false, LinearBiasInit.PyTorchDefault);
        var layer = new GinConv("gin", mlp, trainEpsilon: true);
        layer.ResetParameters(new SeededRandom(1));
        layer.Epsilon.Value[0, 0] = 0.3f;
        var graph = TestGraphs.SmallInput();

        GradientCheck.Assert(v => layer.Forward(v[0], graph), GradientCheck.Random(5, 3, 73));
    }

    /// <summary>(1 + ε)·x_i + Σ_{j → i} x_j.</summary>
    private static double[,] Combine(Graph graph, double[,] x, double epsilon)
    {
        var neighbours = InNeighbours(graph);
        var result = new double[x.GetLength(0), x.GetLength(1)];
        for (int i = 0; i < graph.NodeCount; i++)
        {
            for (int c = 0; c < x.GetLength(1); c++)
            {
                result[i, c] = ((1 + epsilon) * x[i, c]) + neighbours[i].Sum(j => x[j, c]);
            }
        }

        return result;
    }

    /// <summary>Linear maps with ReLU between them (not after the last: the caller adds it when asked).</summary>
    private static double[,] ReferenceMlp(Mlp mlp, double[,] h)
    {
        for (int l = 0; l < mlp.Layers.Count; l++)
        {
            if (l > 0)
            {
                h = Relu(h);
            }

            h = AddRow(Multiply(h, mlp.Layers[l].Weight), mlp.Layers[l].Bias!);
        }

        return h;
    }

    private static void AssertBothOverloads(GinConv layer, Tensor x, GraphInput graph, double[,] expected)
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);

        var dense = layer.Forward(tape.Constant(x), graph);
        var sparse = layer.Forward(tape, SparseMatrix.FromDense(x), graph);

        AssertClose(expected, dense.Value, Tolerance, "dense input");
        AssertClose(expected, sparse.Value, Tolerance, "sparse input");
    }
}
