using A2Q.Quant.Autograd;
using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Nn.Conv;

/// <summary>
/// Graph attention layer (Veličković et al., ICLR 2018), as PyG's GATConv: z = x·W per head,
/// e_ij = LeakyReLU(a_srcᵀ z_j + a_dstᵀ z_i, 0.2), α = softmax over i's incoming edges (self loop
/// included), dropout on α, x'_i = ‖_h Σ_j α_ij^h z_j^h (or the mean over heads), plus a bias.
/// <see cref="GatConvOptions.LinearBias"/> adds the A²Q authors' extra bias inside the linear map.
/// </summary>
public sealed class GatConv : MessagePassing
{
    private readonly ILinearMap linear;
    private readonly GatConvOptions options;
    private readonly SeededRandom random;

    public GatConv(string name, int inFeatures, int outPerHead, GatConvOptions options, SeededRandom random)
        : this(name, new Linear($"{name}.lin", inFeatures, options.Heads * outPerHead, bias: options.LinearBias, LinearBiasInit.PyTorchDefault), outPerHead, options, random, quantizers: null)
    {
    }

    /// <param name="linear">the map to H·C features per node (a QLinear for A²Q)</param>
    /// <param name="quantizers">A²Q's feature, attention and edge-logit quantizers, or none</param>
    public GatConv(string name, ILinearMap linear, int outPerHead, GatConvOptions options, SeededRandom random, GatQuantizers? quantizers)
    {
        this.options = options;
        this.random = random;
        Heads = options.Heads;
        OutPerHead = outPerHead;
        if (linear.OutFeatures != Heads * outPerHead)
        {
            throw new ArgumentException($"{name}: the linear map gives {linear.OutFeatures} features, {Heads} heads x {outPerHead} need {Heads * outPerHead}");
        }

        this.linear = linear;
        AddModule((Module)linear);
        Quantizers = quantizers;
        if (quantizers is not null)
        {
            AddModule((Module)quantizers.Features);
            AddModule((Module)quantizers.Attention);
            AddModule((Module)quantizers.EdgeLogits);
            foreach (var optional in new[] { quantizers.Output, quantizers.Messages, quantizers.Update })
            {
                if (optional is not null)
                {
                    AddModule((Module)optional);
                }
            }
        }

        AttentionSource = AddParameter(new Parameter($"{name}.att_src", ParameterRole.Attention, new Tensor(1, Heads * outPerHead)));
        AttentionTarget = AddParameter(new Parameter($"{name}.att_dst", ParameterRole.Attention, new Tensor(1, Heads * outPerHead)));
        Bias = AddParameter(new Parameter($"{name}.bias", ParameterRole.Bias, new Tensor(1, OutFeatures)));
    }

    public GatQuantizers? Quantizers { get; }

    public ILinearMap Linear => linear;

    public int Heads { get; }

    public int OutPerHead { get; }

    public Parameter AttentionSource { get; }

    public Parameter AttentionTarget { get; }

    public Parameter Bias { get; }

    public override int InFeatures => linear.InFeatures;

    public override int OutFeatures => options.Concat ? Heads * OutPerHead : OutPerHead;

    public override Variable Forward(Variable x, GraphInput graph) => Attend(linear.Forward(x), graph);

    public override Variable Forward(Tape tape, SparseMatrix x, GraphInput graph) => Attend(linear.Forward(tape, x), graph);

    protected override Variable Update(Variable aggregate, Variable x) => Functional.AddBias(aggregate, Bias);

    protected override void ResetOwnParameters(SeededRandom random)
    {
        // PyG's glorot on a (1, H, C) tensor uses fan = H + C; the A²Q code's single (1, H, 2C) vector
        // uses H + 2C. Both are exposed because the bound changes early training.
        int fan = options.AttentionGlorotOverConcatenated ? Heads + (2 * OutPerHead) : Heads + OutPerHead;
        float a = MathF.Sqrt(6f / fan);
        Init.Uniform(AttentionSource.Value, -a, a, random);
        Init.Uniform(AttentionTarget.Value, -a, a, random);
        Init.Constant(Bias.Value, 0f);
    }

    private Variable Attend(Variable z, GraphInput graph)
    {
        var edges = options.SelfLoops ? graph.WithSelfLoops : graph.Sum.Pattern;
        var tape = Tape.Of(z);
        Variable attentionSource = AttentionSource, attentionTarget = AttentionTarget;
        if (Quantizers is not null)
        {
            z = Quantizers.Features.Forward(z);
            attentionSource = QuantizePerHead(tape, AttentionSource);
            attentionTarget = QuantizePerHead(tape, AttentionTarget);
        }

        var sourceScores = Functional.HeadDot(z, attentionSource, Heads);
        var targetScores = Functional.HeadDot(z, attentionTarget, Heads);
        var logits = Functional.EdgeScores(edges, sourceScores, targetScores);
        if (Quantizers is not null)
        {
            // A quantizer that protects an edge row with its source node learns this batch's edges first.
            (Quantizers.EdgeLogits as IQuantizesEdgeRows)?.UseEdges(edges);
            logits = Quantizers.EdgeLogits.Forward(logits);
        }

        var scores = Functional.LeakyRelu(logits, options.NegativeSlope);
        var alpha = Functional.EdgeSoftmax(edges, scores);
        if (Training && options.AttentionDropout > 0f)
        {
            alpha = Functional.Dropout(alpha, options.AttentionDropout, training: true, random.NextStreamKey());
        }

        Variable aggregate;
        if (Quantizers?.Messages is { } messageQuantizer)
        {
            // Degree-Quant quantizes each message α_ij·z_j on its edge before the sum (MessagePassingMultiQuant).
            (messageQuantizer as IQuantizesEdgeRows)?.UseEdges(edges);
            aggregate = Functional.EdgeSum(edges, messageQuantizer.Forward(Functional.EdgeMessages(edges, alpha, z)));
        }
        else
        {
            aggregate = Functional.EdgeAggregate(edges, alpha, z);
        }

        if (!options.Concat)
        {
            aggregate = Functional.HeadMean(aggregate, Heads);
        }

        if (Quantizers?.Output is { } output)
        {
            aggregate = output.Forward(aggregate);
        }

        var updated = Update(aggregate, z);
        return Quantizers?.Update is { } updateQuantizer ? updateQuantizer.Forward(updated) : updated;
    }

    /// <summary>
    /// The attention vector quantized with one step per head: viewed as heads × C, quantized per row. The
    /// source and target halves share the head's step, as the authors' single [x_i ‖ x_j] vector does.
    /// </summary>
    private Variable QuantizePerHead(Tape tape, Parameter attention) =>
        Functional.Reshape(tape, Quantizers!.Attention.Forward(Functional.Reshape(tape, attention, Heads, OutPerHead)), 1, Heads * OutPerHead);
}
