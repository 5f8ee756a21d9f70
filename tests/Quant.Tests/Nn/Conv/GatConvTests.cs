using A2Q.Quant.Autograd;
using A2Q.Quant.Data;
using A2Q.Quant.Nn.Conv;
using A2Q.Quant.Tensors;
using A2Q.Quant.Tests.Autograd;
using Xunit;
using static A2Q.Quant.Tests.Nn.Conv.DenseGraphReference;

namespace A2Q.Quant.Tests.Nn.Conv;

public class GatConvTests
{
    private const int InFeatures = 4;
    private const double Tolerance = 1e-5;

    [Theory]
    [InlineData(2, 3, true, false)]
    [InlineData(2, 3, false, false)]
    [InlineData(2, 3, true, true)]
    [InlineData(1, 3, true, false)]
    [InlineData(8, 8, true, false)]
    [InlineData(8, 8, false, true)]
    public void ForwardInEvalModeIsSoftmaxAttentionOverInEdgesWithASelfLoop(int heads, int outPerHead, bool concat, bool linearBias)
    {
        // 8 heads × 8 channels takes the register kernels, the other shapes the generic loops.
        // Attention dropout is set but must be off in eval mode.
        var options = new GatConvOptions { Heads = heads, Concat = concat, LinearBias = linearBias, AttentionDropout = 0.6f };
        var layer = new GatConv("gat", InFeatures, outPerHead, options, new SeededRandom(2));
        layer.ResetParameters(new SeededRandom(1));
        layer.Eval();
        FillDistinct(layer.Bias, 0.05f, 0.1f);
        var x = Features(5, InFeatures, seed: 81);
        var graph = TestGraphs.SmallInput();

        var z = Multiply(ToDouble(x), ParameterNamed(layer, "gat.lin.weight"));
        if (linearBias)
        {
            z = AddRow(z, ParameterNamed(layer, "gat.lin.bias"));
        }

        var attended = Attend(graph.Graph, z, heads, outPerHead, ToDouble(layer.AttentionSource.Value), ToDouble(layer.AttentionTarget.Value));
        var expected = AddRow(concat ? attended : HeadMean(attended, heads, outPerHead), layer.Bias);

        Assert.Equal(concat ? heads * outPerHead : outPerHead, layer.OutFeatures);
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var dense = layer.Forward(tape.Constant(x), graph);
        var sparse = layer.Forward(tape, SparseMatrix.FromDense(x), graph);
        AssertClose(expected, dense.Value, Tolerance, "dense input");
        AssertClose(expected, sparse.Value, Tolerance, "sparse input");
    }

    [Fact]
    public void AttentionDropoutIsActiveInTrainingMode()
    {
        // The counterpart of the eval-mode test: with dropout 0.6 a training forward differs from the eval one.
        var options = new GatConvOptions { Heads = 2, AttentionDropout = 0.6f };
        var layer = new GatConv("gat", InFeatures, 3, options, new SeededRandom(2));
        layer.ResetParameters(new SeededRandom(1));
        var x = Features(5, InFeatures, seed: 82);
        var graph = TestGraphs.SmallInput();
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);

        var training = layer.Forward(tape.Constant(x), graph).Value.ToArray();
        layer.Eval();
        var evaluation = layer.Forward(tape.Constant(x), graph).Value.ToArray();

        Assert.NotEqual(evaluation, training);
    }

    /// <summary>
    /// Per head h: s_j = a_srcᵀ z_j, t_i = a_dstᵀ z_i, e_ij = LeakyReLU(s_j + t_i, 0.2) over j ∈ N(i) ∪ {i},
    /// α = softmax_j e_ij, out_i = Σ_j α_ij z_j; heads side by side.
    /// </summary>
    private static double[,] Attend(Graph graph, double[,] z, int heads, int outPerHead, double[,] attentionSource, double[,] attentionTarget)
    {
        var neighbours = InNeighbours(graph);
        int nodes = graph.NodeCount;
        var output = new double[nodes, heads * outPerHead];
        for (int h = 0; h < heads; h++)
        {
            double Score(double[,] attention, int node)
            {
                double sum = 0;
                for (int c = 0; c < outPerHead; c++)
                {
                    sum += attention[0, (h * outPerHead) + c] * z[node, (h * outPerHead) + c];
                }

                return sum;
            }

            for (int i = 0; i < nodes; i++)
            {
                var sources = neighbours[i].Append(i).ToArray();
                var logits = sources.Select(j =>
                {
                    double e = Score(attentionSource, j) + Score(attentionTarget, i);
                    return e > 0 ? e : 0.2 * e;
                }).ToArray();
                double max = logits.Max();
                var weights = logits.Select(e => Math.Exp(e - max)).ToArray();
                double total = weights.Sum();
                for (int s = 0; s < sources.Length; s++)
                {
                    for (int c = 0; c < outPerHead; c++)
                    {
                        output[i, (h * outPerHead) + c] += weights[s] / total * z[sources[s], (h * outPerHead) + c];
                    }
                }
            }
        }

        return output;
    }

    private static double[,] HeadMean(double[,] x, int heads, int outPerHead)
    {
        var mean = new double[x.GetLength(0), outPerHead];
        for (int i = 0; i < x.GetLength(0); i++)
        {
            for (int h = 0; h < heads; h++)
            {
                for (int c = 0; c < outPerHead; c++)
                {
                    mean[i, c] += x[i, (h * outPerHead) + c] / heads;
                }
            }
        }

        return mean;
    }
}
