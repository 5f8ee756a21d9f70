using A2Q.Quant.Autograd;
using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Nn.Conv;

/// <summary>
/// Graph convolution (Kipf &amp; Welling, ICLR 2017): X' = Â · X · W + b with Â = D^-1/2 (A + I) D^-1/2,
/// as PyG's GCNConv. The product X·W comes first because the output is narrower than the input.
/// With a linear map that carries the bias (<see cref="BiasBeforeAggregation"/>) the layer is
/// Â·(XW + b), the shape of the A²Q authors' qGCNConv; their X·W quantizer (per feature column) then
/// sits between the product and the aggregation.
/// </summary>
public sealed class GcnConv : MessagePassing
{
    private readonly ILinearMap linear;

    public GcnConv(string name, int inFeatures, int outFeatures, bool biasBeforeAggregation = false)
        : this(
            name,
            new Linear($"{name}.lin", inFeatures, outFeatures, bias: biasBeforeAggregation,
                biasInit: biasBeforeAggregation ? LinearBiasInit.PyTorchDefault : LinearBiasInit.Zeros),
            productQuantizer: null)
    {
    }

    /// <param name="linear">the map X·W (+ b when the bias goes before aggregation)</param>
    /// <param name="productQuantizer">quantizes X·W per feature column before aggregating (A²Q's q_xw)</param>
    /// <param name="outputQuantizer">quantizes the aggregate before the bias (Degree-Quant)</param>
    /// <param name="normalizationQuantizer">quantizes Â's values, 1/√(d_i d_j) (Degree-Quant)</param>
    /// <param name="addSelfLoops">Â = D^-1/2 (A + I) D^-1/2 (Kipf); false: D^-1/2 A D^-1/2 (the authors' graph-level GCN)</param>
    /// <param name="messageQuantizer">quantizes each edge's message Â_ij·z_j before the sum, one row per edge (Degree-Quant)</param>
    /// <param name="updateQuantizer">quantizes the layer's output after the bias (Degree-Quant's update)</param>
    public GcnConv(
        string name, ILinearMap linear, ITensorQuantizer? productQuantizer, ITensorQuantizer? outputQuantizer = null, ITensorQuantizer? normalizationQuantizer = null,
        bool addSelfLoops = true, ITensorQuantizer? messageQuantizer = null, ITensorQuantizer? updateQuantizer = null)
    {
        AddSelfLoops = addSelfLoops;
        NormalizationQuantizer = normalizationQuantizer;
        MessageQuantizer = messageQuantizer;
        UpdateQuantizer = updateQuantizer;
        this.linear = linear;
        AddModule((Module)linear);
        ProductQuantizer = productQuantizer;
        OutputQuantizer = outputQuantizer;
        foreach (var q in new[] { productQuantizer, outputQuantizer, normalizationQuantizer, messageQuantizer, updateQuantizer })
        {
            if (q is not null)
            {
                AddModule((Module)q);
            }
        }

        if (linear.Bias is null)
        {
            Bias = AddParameter(new Parameter($"{name}.bias", ParameterRole.Bias, new Tensor(1, linear.OutFeatures)));
        }
    }

    public bool BiasBeforeAggregation => Bias is null;

    public bool AddSelfLoops { get; }

    public Parameter? Bias { get; }

    public ILinearMap Linear => linear;

    public ITensorQuantizer? ProductQuantizer { get; }

    public ITensorQuantizer? OutputQuantizer { get; }

    public ITensorQuantizer? NormalizationQuantizer { get; }

    public ITensorQuantizer? MessageQuantizer { get; }

    public ITensorQuantizer? UpdateQuantizer { get; }

    public override int InFeatures => linear.InFeatures;

    public override int OutFeatures => linear.OutFeatures;

    public override Variable Forward(Variable x, GraphInput graph) => Propagate(linear.Forward(x), graph);

    public override Variable Forward(Tape tape, SparseMatrix x, GraphInput graph) => Propagate(linear.Forward(tape, x), graph);

    protected override Variable Update(Variable aggregate, Variable x) =>
        Bias is null ? aggregate : Functional.AddBias(aggregate, Bias);

    protected override Variable Aggregate(Variable x, GraphInput graph)
    {
        var adjacency = AddSelfLoops ? graph.GcnNormalized : graph.GcnNormalizedWithoutSelfLoops;
        var tape = x.Tape!;
        var values = NormalizationQuantizer is null ? null : NormalizationQuantizer.Forward(tape, tape.Constant(new Tensor(1, adjacency.NonZeros, adjacency.Values)));
        if (MessageQuantizer is not null)
        {
            // Degree-Quant quantizes every message Â_ij·z_j on its edge, before the sum (MessagePassingMultiQuant):
            // the per-edge products of a high in-degree node are small and many, which is the error its mask targets.
            var weights = values is null
                ? tape.Constant(new Tensor(adjacency.NonZeros, 1, adjacency.Values))
                : Functional.Reshape(tape, values, adjacency.NonZeros, 1);
            (MessageQuantizer as IQuantizesEdgeRows)?.UseEdges(adjacency.Pattern);
            return Functional.EdgeSum(adjacency.Pattern, MessageQuantizer.Forward(Functional.EdgeMessages(adjacency.Pattern, weights, x)));
        }

        return Functional.Aggregate(values is null ? adjacency : adjacency.WithValues(values.Value.ToArray()), x);
    }

    protected override void ResetOwnParameters(SeededRandom random)
    {
        if (Bias is not null)
        {
            Init.Constant(Bias.Value, 0f);
        }
    }

    private Variable Propagate(Variable xw, GraphInput graph)
    {
        var product = ProductQuantizer is null ? xw : ProductQuantizer.Forward(xw);
        var aggregate = Aggregate(product, graph);
        var updated = Update(OutputQuantizer is null ? aggregate : OutputQuantizer.Forward(aggregate), product);
        return UpdateQuantizer is null ? updated : UpdateQuantizer.Forward(updated);
    }
}
