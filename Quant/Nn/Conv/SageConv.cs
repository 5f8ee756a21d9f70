using A2Q.Quant.Autograd;
using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Nn.Conv;

/// <summary>
/// GraphSAGE with mean aggregation (Hamilton et al., NeurIPS 2017), as PyG's SAGEConv:
/// x'_i = W_l · mean_{j ∈ N(i)} x_j + b + W_r · x_i. On a sparse input the mean is taken after W_l
/// (mean(x_j)·W_l = mean(x_j·W_l)), the same function.
/// <para>
/// Quantized (A²Q; the authors released no GraphSAGE code, so this follows their GCN): the input is quantized
/// once per node, Q_f(x), and both maps read it with 4-bit weights; the neighbour product Q_f(x)·W_l is quantized
/// per feature column (their q_xw) before it is averaged, so the aggregation multiplies quantized values as in
/// the paper's accelerator (A.7.5). W_l's bias stays float and is added after the mean, as in PyG.
/// </para>
/// </summary>
public sealed class SageConv : MessagePassing, IQuantizesInputFeatures
{
    private readonly ILinearMap neighbours;
    private readonly ILinearMap root;

    public SageConv(string name, int inFeatures, int outFeatures)
        : this(
            new Linear($"{name}.lin_l", inFeatures, outFeatures, bias: true, LinearBiasInit.PyTorchDefault),
            new Linear($"{name}.lin_r", inFeatures, outFeatures, bias: false),
            featureQuantizer: null,
            productQuantizer: null)
    {
    }

    /// <param name="neighbours">W_l (a QLinear without its own input quantizer, for A²Q)</param>
    /// <param name="root">W_r (PyG's lin_r has no bias)</param>
    /// <param name="featureQuantizer">quantizes the layer's input per node, shared by both maps (A²Q's fea_quant)</param>
    /// <param name="productQuantizer">quantizes x·W_l per feature column before the mean (A²Q's q_xw)</param>
    public SageConv(ILinearMap neighbours, ILinearMap root, ITensorQuantizer? featureQuantizer, ITensorQuantizer? productQuantizer)
    {
        if (neighbours.InFeatures != root.InFeatures || neighbours.OutFeatures != root.OutFeatures)
        {
            throw new ArgumentException($"SageConv: W_l is {neighbours.InFeatures}→{neighbours.OutFeatures} but W_r is {root.InFeatures}→{root.OutFeatures}");
        }

        if (neighbours.Bias is not null && root.Bias is not null)
        {
            throw new ArgumentException("SageConv: only one of W_l and W_r may carry the bias");
        }

        if (neighbours is IQuantizesInputFeatures { FeatureQuantizer: not null } || root is IQuantizesInputFeatures { FeatureQuantizer: not null })
        {
            throw new ArgumentException("SageConv: the maps share the layer's feature quantizer and must have none of their own");
        }

        this.neighbours = neighbours;
        this.root = root;
        AddModule((Module)neighbours);
        AddModule((Module)root);
        FeatureQuantizer = featureQuantizer;
        ProductQuantizer = productQuantizer;
        foreach (var q in new[] { featureQuantizer, productQuantizer })
        {
            if (q is not null)
            {
                AddModule((Module)q);
            }
        }
    }

    public override int InFeatures => neighbours.InFeatures;

    public override int OutFeatures => neighbours.OutFeatures;

    public ITensorQuantizer? FeatureQuantizer { get; }

    public ITensorQuantizer? ProductQuantizer { get; }

    public override Variable Forward(Variable x, GraphInput graph)
    {
        var input = FeatureQuantizer is null ? x : FeatureQuantizer.Forward(x);
        if (ProductQuantizer is null)
        {
            return Update(Aggregate(input, graph), input);
        }

        var product = ProductQuantizer.Forward(Functional.MatMul(input, neighbours.EffectiveWeight(Tape.Of(input))));
        return Functional.Add(WithNeighbourBias(Aggregate(product, graph)), root.Forward(input));
    }

    public override Variable Forward(Tape tape, SparseMatrix x, GraphInput graph)
    {
        if (FeatureQuantizer is not null)
        {
            throw new NotSupportedException("SageConv: a feature quantizer on a constant sparse input is not supported; the 0/1 first-layer input stays float");
        }

        var product = Functional.SparseMatMul(tape, x, neighbours.EffectiveWeight(tape));
        var aggregated = Aggregate(ProductQuantizer is null ? product : ProductQuantizer.Forward(product), graph);
        return Functional.Add(WithNeighbourBias(aggregated), root.Forward(tape, x));
    }

    /// <summary>PyG's order on dense input: the mean first, then W_l (with its bias) on the narrower result.</summary>
    protected override Variable Update(Variable aggregate, Variable x) =>
        Functional.Add(neighbours.Forward(aggregate), root.Forward(x));

    protected override Variable Aggregate(Variable x, GraphInput graph) => Functional.Aggregate(graph.Mean, x);

    /// <summary>W_l's bias goes after the mean, so a node without in-neighbours still gets it (PyG).</summary>
    private Variable WithNeighbourBias(Variable aggregated) =>
        neighbours.Bias is null ? aggregated : Functional.AddBias(aggregated, neighbours.Bias);
}
