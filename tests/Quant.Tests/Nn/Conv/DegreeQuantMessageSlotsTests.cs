using A2Q.Quant.Autograd;
using A2Q.Quant.Nn;
using A2Q.Quant.Nn.Conv;
using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors;
using A2Q.Quant.Tests.Autograd;
using Xunit;
using static A2Q.Quant.Tests.Nn.Conv.DenseGraphReference;

namespace A2Q.Quant.Tests.Nn.Conv;

/// <summary>
/// Degree-Quant's message and update slots of GCN and GAT (dq/multi_quant.py): the message quantizer sees one row
/// per edge, Â_ij·z_j or α_ij·z_j, before the sum; the update quantizer sees the output after the bias.
/// </summary>
public class DegreeQuantMessageSlotsTests
{
    private const double Tolerance = 1e-5;

    [Fact]
    public void GcnQuantizesEachEdgesMessageBeforeTheSumAndTheOutputAfterTheBias()
    {
        var messages = new ScalingSpy("message", 2f);
        var update = new ScalingSpy("update", 3f);
        var layer = new GcnConv("gcn", new Linear("gcn.lin", 4, 3, bias: false), productQuantizer: null, messageQuantizer: messages, updateQuantizer: update);
        layer.ResetParameters(new SeededRandom(1));
        FillDistinct(layer.Bias!, 0.1f, -0.15f);
        var x = Features(5, 4, seed: 64);
        var graph = TestGraphs.SmallInput();
        var adjacency = graph.GcnNormalized;

        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var y = layer.Forward(tape.Constant(x), graph);

        // The spy saw Â_p · (XW)[source of p] for every edge p, self loops included, in CSR order.
        var xw = Multiply(ToDouble(x), layer.Linear.Weight);
        var seen = messages.Seen.Single();
        Assert.Equal((adjacency.NonZeros, 3), (seen.Rows, seen.Columns));
        var expectedMessages = new double[adjacency.NonZeros, 3];
        for (int p = 0; p < adjacency.NonZeros; p++)
        {
            for (int c = 0; c < 3; c++)
            {
                expectedMessages[p, c] = adjacency.Values[p] * xw[adjacency.Pattern.ColumnIndices[p], c];
            }
        }

        AssertClose(expectedMessages, seen, Tolerance, "messages");

        // Output: 3 · (Σ 2·message + b).
        var expected = Scale(AddRow(Scale(NormalizedAggregate(graph.Graph, xw), 2), layer.Bias!), 3);
        AssertClose(expected, y.Value, Tolerance, "output");
        Assert.Single(update.Seen);
    }

    [Theory]
    [InlineData(8, 8)]
    [InlineData(2, 3)]
    public void GatQuantizesEachEdgesWeightedMessageBeforeTheSumAndTheOutputAfterTheBias(int heads, int outPerHead)
    {
        var options = new GatConvOptions { Heads = heads, Concat = true };
        var plain = Gat(options, heads, outPerHead, messages: null, update: null);
        var messages = new ScalingSpy("message", 2f);
        var update = new ScalingSpy("update", 3f);
        var split = Gat(options, heads, outPerHead, messages, update);
        var x = Features(5, 6, seed: 82);
        var graph = TestGraphs.SmallInput();

        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var fused = ToDouble(plain.Forward(tape.Constant(x), graph).Value);
        var y = split.Forward(tape.Constant(x), graph);

        Assert.Equal((graph.WithSelfLoops.NonZeros, heads * outPerHead), (messages.Seen.Single().Rows, messages.Seen.Single().Columns));
        var bias = ToDouble(plain.Bias.Value);
        var expected = new double[5, heads * outPerHead];
        for (int i = 0; i < 5; i++)
        {
            for (int c = 0; c < heads * outPerHead; c++)
            {
                expected[i, c] = 3 * ((2 * (fused[i, c] - bias[0, c])) + bias[0, c]);
            }
        }

        AssertClose(expected, y.Value, Tolerance, "output");
    }

    private static GatConv Gat(GatConvOptions options, int heads, int outPerHead, ITensorQuantizer? messages, ITensorQuantizer? update)
    {
        var quantizers = new GatQuantizers(new ScalingSpy("features", 1f), new ScalingSpy("attention", 1f), new ScalingSpy("logits", 1f), Messages: messages, Update: update);
        var layer = new GatConv("gat", new Linear("gat.lin", 6, heads * outPerHead, bias: false), outPerHead, options, new SeededRandom(2), quantizers);
        layer.ResetParameters(new SeededRandom(1));
        layer.Eval();
        FillDistinct(layer.Bias, 0.05f, 0.1f);
        return layer;
    }

    private static double[,] Scale(double[,] a, double factor)
    {
        var result = (double[,])a.Clone();
        for (int i = 0; i < a.GetLength(0); i++)
        {
            for (int j = 0; j < a.GetLength(1); j++)
            {
                result[i, j] *= factor;
            }
        }

        return result;
    }

    /// <summary>A stand-in quantizer that multiplies by a constant and keeps a copy of each activation it is given.</summary>
    private sealed class ScalingSpy(string name, float factor) : Module, ITensorQuantizer
    {
        public string Name { get; } = name;

        public List<Tensor> Seen { get; } = [];

        public Variable Forward(Variable x)
        {
            Seen.Add(Tensor.FromArray(x.Rows, x.Columns, x.Value.ToArray()));
            return Functional.Scale(x, factor);
        }

        public Variable Forward(Tape tape, Variable parameter) =>
            Functional.Scale(Functional.Add(tape.Constant(new Tensor(parameter.Rows, parameter.Columns)), parameter), factor);

        public Variable ForwardSparseRows(Tape tape, CsrPattern pattern, Variable values) => throw new NotSupportedException();
    }
}
