using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Nn.Conv;

/// <summary>
/// GraphSAGE with mean aggregation (Hamilton et al., NeurIPS 2017), as PyG's SAGEConv:
/// x'_i = W_l · mean_{j ∈ N(i)} x_j + b + W_r · x_i. On a sparse input the mean is taken after W_l
/// (mean(x_j)·W_l = mean(x_j·W_l)), the same function.
/// </summary>
public sealed class SageConv : MessagePassing
{
    private readonly Linear neighbours;
    private readonly Linear root;

    public SageConv(string name, int inFeatures, int outFeatures)
    {
        neighbours = AddModule(new Linear($"{name}.lin_l", inFeatures, outFeatures, bias: true, LinearBiasInit.PyTorchDefault));
        root = AddModule(new Linear($"{name}.lin_r", inFeatures, outFeatures, bias: false));
    }

    public override int InFeatures => neighbours.InFeatures;

    public override int OutFeatures => neighbours.OutFeatures;

    public override Variable Forward(Variable x, GraphInput graph) =>
        Functional.Add(neighbours.Forward(Functional.Aggregate(graph.Mean, x)), root.Forward(x));

    public override Variable Forward(Tape tape, SparseMatrix x, GraphInput graph)
    {
        var aggregated = Functional.Aggregate(graph.Mean, Functional.SparseMatMul(tape, x, neighbours.Weight));
        return Functional.Add(Functional.AddBias(aggregated, neighbours.Bias!), root.Forward(tape, x));
    }

    protected override Variable Update(Variable aggregate, Variable x) =>
        Functional.Add(neighbours.Forward(aggregate), root.Forward(x));

    protected override Variable Aggregate(Variable x, GraphInput graph) => Functional.Aggregate(graph.Mean, x);
}
