using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Nn.Conv;

/// <summary>
/// Graph isomorphism layer (Xu et al., ICLR 2019): x'_i = MLP((1 + ε)·x_i + Σ_{j ∈ N(i)} x_j), ε trainable
/// (init 0) or fixed. On a sparse first-layer input the MLP's first Linear is applied before aggregating,
/// W((1+ε)x + Σx_j) + b = (1+ε)(xW) + Σ(x_jW) + b: the same function, without materialising the dense
/// F-wide aggregate.
/// </summary>
public sealed class GinConv : MessagePassing
{
    private readonly Mlp mlp;

    public GinConv(string name, Mlp mlp, bool trainEpsilon, float epsilon = 0f)
    {
        this.mlp = AddModule(mlp);
        InitialEpsilon = epsilon;
        Epsilon = new Parameter($"{name}.eps", ParameterRole.Epsilon, new Tensor(1, 1));
        if (trainEpsilon)
        {
            AddParameter(Epsilon);
        }

        TrainEpsilon = trainEpsilon;
    }

    public Parameter Epsilon { get; }

    public bool TrainEpsilon { get; }

    public float InitialEpsilon { get; }

    public override int InFeatures => mlp.InFeatures;

    public override int OutFeatures => mlp.OutFeatures;

    public override Variable Forward(Tape tape, SparseMatrix x, GraphInput graph)
    {
        var xw = Functional.SparseMatMul(tape, x, mlp.First.Weight);
        var combined = Functional.Add(Functional.Aggregate(graph.Sum, xw, unitWeights: true), SelfTerm(xw));
        if (mlp.First.Bias is not null)
        {
            combined = Functional.AddBias(combined, mlp.First.Bias);
        }

        return mlp.ForwardAfterFirstLinear(combined);
    }

    protected override Variable Update(Variable aggregate, Variable x) => mlp.Forward(Functional.Add(aggregate, SelfTerm(x)));

    protected override void ResetOwnParameters(SeededRandom random) => Init.Constant(Epsilon.Value, InitialEpsilon);

    private Variable SelfTerm(Variable x) => TrainEpsilon || InitialEpsilon != 0f ? Functional.ScaleByOnePlus(x, Epsilon) : x;
}
