using A2Q.Quant.Autograd;
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
    private readonly Linear linear;
    private readonly GatConvOptions options;
    private readonly SeededRandom random;

    public GatConv(string name, int inFeatures, int outPerHead, GatConvOptions options, SeededRandom random)
    {
        this.options = options;
        this.random = random;
        Heads = options.Heads;
        OutPerHead = outPerHead;
        linear = AddModule(new Linear($"{name}.lin", inFeatures, Heads * outPerHead, bias: options.LinearBias, LinearBiasInit.PyTorchDefault));
        AttentionSource = AddParameter(new Parameter($"{name}.att_src", ParameterRole.Attention, new Tensor(1, Heads * outPerHead)));
        AttentionTarget = AddParameter(new Parameter($"{name}.att_dst", ParameterRole.Attention, new Tensor(1, Heads * outPerHead)));
        Bias = AddParameter(new Parameter($"{name}.bias", ParameterRole.Bias, new Tensor(1, OutFeatures)));
    }

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
        var edges = graph.WithSelfLoops;
        var sourceScores = Functional.HeadDot(z, AttentionSource, Heads);
        var targetScores = Functional.HeadDot(z, AttentionTarget, Heads);
        var scores = Functional.LeakyRelu(Functional.EdgeScores(edges, sourceScores, targetScores), options.NegativeSlope);
        var alpha = Functional.EdgeSoftmax(edges, scores);
        if (Training && options.AttentionDropout > 0f)
        {
            alpha = Functional.Dropout(alpha, options.AttentionDropout, training: true, random.NextStreamKey());
        }

        var aggregate = Functional.EdgeAggregate(edges, alpha, z);
        if (!options.Concat)
        {
            aggregate = Functional.HeadMean(aggregate, Heads);
        }

        return Update(aggregate, z);
    }
}
