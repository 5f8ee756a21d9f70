using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Nn;

/// <summary>
/// y = x·W + b with W stored in × out (the layout the kernels multiply without a transpose).
/// Initialisation is PyG's Glorot for W (or PyTorch's default, <see cref="LinearWeightInit"/>); the bias is zero,
/// or PyTorch's nn.Linear default when <see cref="LinearBiasInit.PyTorchDefault"/> is asked (the A²Q node-level
/// scripts re-initialise W only).
/// </summary>
public sealed class Linear : Module, ILinearMap
{
    private readonly LinearBiasInit biasInit;
    private readonly LinearWeightInit weightInit;

    public Linear(
        string name, int inFeatures, int outFeatures, bool bias = true, LinearBiasInit biasInit = LinearBiasInit.Zeros,
        LinearWeightInit weightInit = LinearWeightInit.Glorot)
    {
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        this.biasInit = biasInit;
        this.weightInit = weightInit;
        Weight = AddParameter(new Parameter($"{name}.weight", ParameterRole.Weight, new Tensor(inFeatures, outFeatures)));
        Bias = bias ? AddParameter(new Parameter($"{name}.bias", ParameterRole.Bias, new Tensor(1, outFeatures))) : null;
    }

    public int InFeatures { get; }

    public int OutFeatures { get; }

    public Parameter Weight { get; }

    public Parameter? Bias { get; }

    public Variable Forward(Variable x) => Bias is null ? Functional.MatMul(x, Weight) : Functional.Affine(x, Weight, Bias);

    /// <summary>For a constant sparse input (bag-of-words features).</summary>
    public Variable Forward(Tape tape, SparseMatrix x)
    {
        var y = Functional.SparseMatMul(tape, x, Weight);
        return Bias is null ? y : Functional.AddBias(y, Bias);
    }

    public Variable EffectiveWeight(Tape tape) => Weight;

    protected override void ResetOwnParameters(SeededRandom random)
    {
        if (weightInit == LinearWeightInit.PyTorchDefault)
        {
            Init.LinearDefault(Weight.Value, InFeatures, random);
        }
        else
        {
            Init.Glorot(Weight.Value, InFeatures, OutFeatures, random);
        }

        if (Bias is not null)
        {
            if (biasInit == LinearBiasInit.PyTorchDefault)
            {
                Init.LinearDefault(Bias.Value, InFeatures, random);
            }
            else
            {
                Init.Constant(Bias.Value, 0f);
            }
        }
    }
}
