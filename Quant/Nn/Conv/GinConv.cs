using A2Q.Quant.Autograd;
using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Nn.Conv;

/// <summary>
/// Graph isomorphism layer (Xu et al., ICLR 2019): x'_i = MLP((1 + ε)·x_i + Σ_{j ∈ N(i)} x_j), ε trainable
/// (init 0) or fixed. On a sparse first-layer input the MLP's first Linear is applied before aggregating,
/// W((1+ε)x + Σx_j) + b = (1+ε)(xW) + Σ(x_jW) + b: the same function, without materialising the dense
/// F-wide aggregate. When that first map quantizes its input (A²Q), the aggregate itself is what gets
/// quantized, so it is formed, kept sparse (<see cref="SparseAggregatedInput"/>), and quantized per node.
/// An optional input quantizer (A²Q's q_xw on layers 2+) quantizes x per feature column before aggregation.
/// </summary>
public sealed class GinConv : MessagePassing
{
    private readonly Mlp mlp;
    private SparseMatrix? cachedFor;
    private SparseAggregatedInput? cachedInput;

    /// <param name="inputQuantizerOnMessagesOnly">
    /// the input quantizer acts on the messages x_j only and the self term (1 + ε)x_i stays float (Degree-Quant's
    /// GINConvMultiQuant); otherwise both read the quantized input (A²Q's q_xw)
    /// </param>
    /// <param name="aggregateQuantizer">quantizes Σ x_j before the self term is added (Degree-Quant)</param>
    public GinConv(
        string name, Mlp mlp, bool trainEpsilon, float epsilon = 0f, ITensorQuantizer? inputQuantizer = null, GinAggregation aggregation = GinAggregation.Sum,
        bool inputQuantizerOnMessagesOnly = false, ITensorQuantizer? aggregateQuantizer = null)
    {
        InputQuantizerOnMessagesOnly = inputQuantizerOnMessagesOnly;
        AggregateQuantizer = aggregateQuantizer;
        if (aggregateQuantizer is not null)
        {
            AddModule((Module)aggregateQuantizer);
        }

        Aggregation = aggregation;
        this.mlp = AddModule(mlp);
        InitialEpsilon = epsilon;
        Epsilon = new Parameter($"{name}.eps", ParameterRole.Epsilon, new Tensor(1, 1));
        if (trainEpsilon)
        {
            AddParameter(Epsilon);
        }

        TrainEpsilon = trainEpsilon;
        InputQuantizer = inputQuantizer;
        if (inputQuantizer is not null)
        {
            AddModule((Module)inputQuantizer);
        }
    }

    public Parameter Epsilon { get; }

    public bool TrainEpsilon { get; }

    public float InitialEpsilon { get; }

    public ITensorQuantizer? InputQuantizer { get; }

    public GinAggregation Aggregation { get; }

    public bool InputQuantizerOnMessagesOnly { get; }

    public ITensorQuantizer? AggregateQuantizer { get; }

    public override int InFeatures => mlp.InFeatures;

    public override int OutFeatures => mlp.OutFeatures;

    public override Variable Forward(Variable x, GraphInput graph)
    {
        var messages = InputQuantizer is null ? x : InputQuantizer.Forward(x);
        var aggregate = Aggregate(messages, graph);
        return Update(AggregateQuantizer is null ? aggregate : AggregateQuantizer.Forward(aggregate), InputQuantizerOnMessagesOnly ? x : messages);
    }

    public override Variable Forward(Tape tape, SparseMatrix x, GraphInput graph)
    {
        if (InputQuantizer is not null || AggregateQuantizer is not null)
        {
            throw new NotSupportedException("GinConv: input and aggregate quantizers on a constant sparse input are not supported");
        }

        if (mlp.First is QLinear { FeatureQuantizer: { } features } first)
        {
            return mlp.ForwardAfterFirstLinear(QuantizedSparseFirstLinear(tape, x, graph, first, features));
        }

        if (Aggregation == GinAggregation.Max)
        {
            // Max does not commute with the Linear: form the aggregate (sparse), then multiply.
            var input = AggregatedInput(x, graph);
            var values = Functional.GinCombine(tape, input.NeighbourSum, input.Self, Epsilon);
            var product = Functional.SparseValuesMatMul(tape, input.Pattern, values, mlp.First.EffectiveWeight(tape));
            product = mlp.First.Bias is null ? product : Functional.AddBias(product, mlp.First.Bias);
            return mlp.ForwardAfterFirstLinear(mlp.First is QLinear q ? q.Output(product) : product);
        }

        var xw = Functional.SparseMatMul(tape, x, mlp.First.EffectiveWeight(tape));
        var combined = Functional.Add(Aggregate(xw, graph), SelfTerm(xw));
        if (mlp.First.Bias is not null)
        {
            combined = Functional.AddBias(combined, mlp.First.Bias);
        }

        return mlp.ForwardAfterFirstLinear(mlp.First is QLinear quantized ? quantized.Output(combined) : combined);
    }

    protected override Variable Update(Variable aggregate, Variable x) => mlp.Forward(Functional.Add(aggregate, SelfTerm(x)));

    protected override Variable Aggregate(Variable x, GraphInput graph) => Aggregation switch
    {
        GinAggregation.Sum => Functional.Aggregate(graph.Sum, x, unitWeights: true),
        GinAggregation.Mean => Functional.Aggregate(graph.Mean, x),
        _ => Functional.AggregateMax(graph.Sum.Pattern, x),
    };

    protected override void ResetOwnParameters(SeededRandom random) => Init.Constant(Epsilon.Value, InitialEpsilon);

    private Variable SelfTerm(Variable x) => TrainEpsilon || InitialEpsilon != 0f ? Functional.ScaleByOnePlus(x, Epsilon) : x;

    private SparseAggregatedInput AggregatedInput(SparseMatrix x, GraphInput graph)
    {
        if (!ReferenceEquals(cachedFor, x))
        {
            cachedInput = SparseAggregatedInput.Build(x, Aggregation == GinAggregation.Mean ? graph.Mean : graph.Sum, Aggregation);
            cachedFor = x;
        }

        return cachedInput!;
    }

    private Variable QuantizedSparseFirstLinear(Tape tape, SparseMatrix x, GraphInput graph, QLinear first, ITensorQuantizer features)
    {
        var input = AggregatedInput(x, graph);
        var combined = Functional.GinCombine(tape, input.NeighbourSum, input.Self, Epsilon);
        var quantized = features.ForwardSparseRows(tape, input.Pattern, combined);
        var y = Functional.SparseValuesMatMul(tape, input.Pattern, quantized, first.EffectiveWeight(tape));
        return first.Output(first.Bias is null ? y : Functional.AddBias(y, first.Bias));
    }
}
