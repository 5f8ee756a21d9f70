using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Nn.Conv;

/// <summary>
/// Graph convolution (Kipf &amp; Welling, ICLR 2017): X' = Â · X · W + b with Â = D^-1/2 (A + I) D^-1/2,
/// as PyG's GCNConv. The product X·W comes first because the output is narrower than the input.
/// <see cref="BiasBeforeAggregation"/> moves the bias inside (Â·(XW + b)), the shape of the A²Q
/// authors' qGCNConv, whose nn.Linear carries the bias.
/// </summary>
public sealed class GcnConv : MessagePassing
{
    private readonly Linear linear;

    public GcnConv(string name, int inFeatures, int outFeatures, bool biasBeforeAggregation = false)
    {
        BiasBeforeAggregation = biasBeforeAggregation;
        linear = AddModule(new Linear(
            $"{name}.lin", inFeatures, outFeatures, bias: biasBeforeAggregation,
            biasInit: biasBeforeAggregation ? LinearBiasInit.PyTorchDefault : LinearBiasInit.Zeros));
        if (!biasBeforeAggregation)
        {
            Bias = AddParameter(new Parameter($"{name}.bias", ParameterRole.Bias, new Tensor(1, outFeatures)));
        }
    }

    public bool BiasBeforeAggregation { get; }

    public Parameter? Bias { get; }

    public Linear Linear => linear;

    public override int InFeatures => linear.InFeatures;

    public override int OutFeatures => linear.OutFeatures;

    public override Variable Forward(Variable x, GraphInput graph) => Propagate(linear.Forward(x), graph);

    public override Variable Forward(Tape tape, SparseMatrix x, GraphInput graph) => Propagate(linear.Forward(tape, x), graph);

    protected override Variable Update(Variable aggregate, Variable x) =>
        Bias is null ? aggregate : Functional.AddBias(aggregate, Bias);

    protected override Variable Aggregate(Variable x, GraphInput graph) => Functional.Aggregate(graph.GcnNormalized, x);

    protected override void ResetOwnParameters(SeededRandom random)
    {
        if (Bias is not null)
        {
            Init.Constant(Bias.Value, 0f);
        }
    }

    private Variable Propagate(Variable xw, GraphInput graph) => Update(Aggregate(xw, graph), xw);
}
