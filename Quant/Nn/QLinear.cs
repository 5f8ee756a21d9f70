using A2Q.Quant.Autograd;
using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Nn;

/// <summary>
/// The authors' QLinear: y = Q_f(x)·Q_w(W) + b, with the input quantized per node (optional; the first
/// layer on 0/1 features leaves it unquantized) and the weight per output unit; the bias stays float.
/// Initialisation as their node-level scripts: Glorot W, PyTorch's default bias.
/// </summary>
public sealed class QLinear : Module, ILinearMap
{
    private readonly Linear linear;

    public QLinear(string name, int inFeatures, int outFeatures, A2qQuantizer? featureQuantizer, A2qQuantizer weightQuantizer, bool bias = true)
    {
        if (weightQuantizer.Axis != QuantizerAxis.PerColumn || weightQuantizer.Groups != outFeatures)
        {
            throw new ArgumentException($"{name}: the weight quantizer must have one group per output unit ({outFeatures})");
        }

        linear = AddModule(new Linear(name, inFeatures, outFeatures, bias, LinearBiasInit.PyTorchDefault));
        FeatureQuantizer = featureQuantizer is null ? null : AddModule(featureQuantizer);
        WeightQuantizer = AddModule(weightQuantizer);
    }

    public A2qQuantizer? FeatureQuantizer { get; }

    public A2qQuantizer WeightQuantizer { get; }

    public int InFeatures => linear.InFeatures;

    public int OutFeatures => linear.OutFeatures;

    public Parameter Weight => linear.Weight;

    public Parameter? Bias => linear.Bias;

    public Variable EffectiveWeight(Tape tape) => WeightQuantizer.Forward(tape, Weight);

    public Variable Forward(Variable x)
    {
        var tape = Tape.Of(x);
        var input = FeatureQuantizer is null ? x : FeatureQuantizer.Forward(x);
        var y = Functional.MatMul(input, EffectiveWeight(tape));
        return Bias is null ? y : Functional.AddBias(y, Bias);
    }

    public Variable Forward(Tape tape, SparseMatrix x)
    {
        if (FeatureQuantizer is not null)
        {
            throw new NotSupportedException("QLinear: a feature quantizer on a constant sparse input is not supported; quantize a dense input");
        }

        var y = Functional.SparseMatMul(tape, x, EffectiveWeight(tape));
        return Bias is null ? y : Functional.AddBias(y, Bias);
    }
}
