using A2Q.Quant.Autograd;
using A2Q.Quant.Data;
using A2Q.Quant.Nn;
using A2Q.Quant.Nn.Conv;
using A2Q.Quant.Quantization;
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

    [Fact]
    public void QuantizedForwardQuantizesInputsPerNodeWeightsPerUnitAndTheNeighbourProductPerColumn()
    {
        // x'_i = mean_j Q_xw(Q_f(x)·Q_w(W_l))_j + b + Q_f(x)_i·Q_w(W_r), each Q = s·clamp(⌊|v|+½⌉·sign, ±(2^(n−1)−1)).
        var graph = TestGraphs.SmallInput();
        var x = Features(5, 4, seed: 94);
        var features = Quantizer("sage.fea_quant", 5, QuantizerAxis.PerRow, [0.23f, 0.11f, 0.37f, 0.19f, 0.29f], [4f, 3f, 5f, 2f, 4f]);
        var neighbourWeights = Quantizer("sage.lin_l.weight_quant", 3, QuantizerAxis.PerColumn, [0.17f, 0.13f, 0.23f], [4f, 4f, 4f]);
        var rootWeights = Quantizer("sage.lin_r.weight_quant", 3, QuantizerAxis.PerColumn, [0.21f, 0.093f, 0.19f], [4f, 4f, 4f]);
        var product = Quantizer("sage.q_xw", 3, QuantizerAxis.PerColumn, [0.071f, 0.173f, 0.0611f], [4f, 3f, 4f]);
        var neighbours = new QLinear("sage.lin_l", 4, 3, featureQuantizer: null, neighbourWeights, bias: true);
        var root = new QLinear("sage.lin_r", 4, 3, featureQuantizer: null, rootWeights, bias: false);
        var layer = new SageConv(neighbours, root, features, product);
        FillDistinct(neighbours.Weight, -0.55f, 0.09f);
        FillDistinct(root.Weight, 0.6f, -0.1f);
        FillDistinct(neighbours.Bias!, 0.05f, 0.1f);

        var xq = QuantizeRows(ToDouble(x), features);
        var neighbourProduct = QuantizeColumns(Multiply(xq, QuantizeColumns(ToDouble(neighbours.Weight.Value), neighbourWeights)), product);
        var expected = Add(
            AddRow(NeighbourMean(graph.Graph, neighbourProduct), neighbours.Bias!),
            Multiply(xq, QuantizeColumns(ToDouble(root.Weight.Value), rootWeights)));

        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        AssertClose(expected, layer.Forward(tape.Constant(x), graph).Value, Tolerance, "quantized dense input");
        Assert.Same(features, layer.FeatureQuantizer);
    }

    [Fact]
    public void QuantizedSparseFirstLayerLeavesTheInputFloatAndQuantizesTheProduct()
    {
        var graph = TestGraphs.SmallInput();
        var x = Features(5, 4, seed: 95);
        var neighbourWeights = Quantizer("l.weight_quant", 3, QuantizerAxis.PerColumn, [0.17f, 0.13f, 0.23f], [4f, 4f, 4f]);
        var rootWeights = Quantizer("r.weight_quant", 3, QuantizerAxis.PerColumn, [0.21f, 0.093f, 0.19f], [4f, 4f, 4f]);
        var product = Quantizer("q_xw", 3, QuantizerAxis.PerColumn, [0.071f, 0.173f, 0.0611f], [4f, 3f, 4f]);
        var neighbours = new QLinear("l", 4, 3, featureQuantizer: null, neighbourWeights, bias: true);
        var root = new QLinear("r", 4, 3, featureQuantizer: null, rootWeights, bias: false);
        var layer = new SageConv(neighbours, root, featureQuantizer: null, product);
        FillDistinct(neighbours.Weight, -0.55f, 0.09f);
        FillDistinct(root.Weight, 0.6f, -0.1f);
        FillDistinct(neighbours.Bias!, 0.05f, 0.1f);

        var input = ToDouble(x);
        var neighbourProduct = QuantizeColumns(Multiply(input, QuantizeColumns(ToDouble(neighbours.Weight.Value), neighbourWeights)), product);
        var expected = Add(
            AddRow(NeighbourMean(graph.Graph, neighbourProduct), neighbours.Bias!),
            Multiply(input, QuantizeColumns(ToDouble(root.Weight.Value), rootWeights)));

        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        AssertClose(expected, layer.Forward(tape, SparseMatrix.FromDense(x), graph).Value, Tolerance, "quantized sparse input");
        AssertClose(expected, layer.Forward(tape.Constant(x), graph).Value, Tolerance, "quantized dense input without feature quantizer");
    }

    [Fact]
    public void MapsWithTheirOwnFeatureQuantizerAreRejected()
    {
        var own = Quantizer("own", 5, QuantizerAxis.PerRow, [0.1f, 0.1f, 0.1f, 0.1f, 0.1f], [4f, 4f, 4f, 4f, 4f]);
        var neighbours = new QLinear("l", 4, 3, own, Quantizer("lw", 3, QuantizerAxis.PerColumn, [0.1f, 0.1f, 0.1f], [4f, 4f, 4f]));
        var root = new QLinear("r", 4, 3, featureQuantizer: null, Quantizer("rw", 3, QuantizerAxis.PerColumn, [0.1f, 0.1f, 0.1f], [4f, 4f, 4f]), bias: false);

        Assert.Throws<ArgumentException>(() => new SageConv(neighbours, root, featureQuantizer: null, productQuantizer: null));
    }

    private static A2qQuantizer Quantizer(string name, int groups, QuantizerAxis axis, float[] steps, float[] bits)
    {
        var q = new A2qQuantizer(name, groups, axis, QuantizerGradient.Task, 4f, new StepSizeInit(0.1f, 0f), ParameterRole.FeatureStepSize, trainableBits: false);
        steps.CopyTo(q.StepSize.Value.Span);
        bits.CopyTo(q.BitWidth.Value.Span);
        return q;
    }

    /// <summary>Eq. 1: s·clamp(sign(x)·⌊|x|/s + ½⌋, ±(2^(n−1) − 1)), n = round(|b|).</summary>
    private static double Quantize(double x, double step, double bits)
    {
        double qmax = Math.Pow(2, Math.Round(Math.Abs(bits), MidpointRounding.ToEven) - 1) - 1;
        double level = Math.Min(Math.Floor((Math.Abs(x) / step) + 0.5), qmax);
        return Math.Sign(x) * level * step;
    }

    private static double[,] QuantizeRows(double[,] x, A2qQuantizer q) => QuantizeBy(x, q, (i, _) => i);

    private static double[,] QuantizeColumns(double[,] x, A2qQuantizer q) => QuantizeBy(x, q, (_, j) => j);

    private static double[,] QuantizeBy(double[,] x, A2qQuantizer q, Func<int, int, int> group)
    {
        var y = new double[x.GetLength(0), x.GetLength(1)];
        for (int i = 0; i < y.GetLength(0); i++)
        {
            for (int j = 0; j < y.GetLength(1); j++)
            {
                int k = group(i, j);
                y[i, j] = Quantize(x[i, j], q.StepSize.Value.Span[k], q.BitWidth.Value.Span[k]);
            }
        }

        return y;
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
