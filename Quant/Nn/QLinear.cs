using A2Q.Quant.Autograd;
using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Nn;

/// <summary>
/// The authors' QLinear: y = Q_f(x)·Q_w(W) + b, with the input quantized per node (optional; the first
/// layer on 0/1 features leaves it unquantized) and the weight per output unit; the bias stays float.
/// Initialisation as their node-level scripts: Glorot W (graph-level: PyTorch's default), PyTorch's default bias.
/// </summary>
public sealed class QLinear : Module, ILinearMap, IQuantizesInputFeatures
{
    private readonly Linear linear;

    public QLinear(
        string name, int inFeatures, int outFeatures, ITensorQuantizer? featureQuantizer, ITensorQuantizer weightQuantizer,
        bool bias = true, ITensorQuantizer? outputQuantizer = null, LinearWeightInit weightInit = LinearWeightInit.Glorot)
    {
        if (weightQuantizer is A2qQuantizer a2q && (a2q.Axis != QuantizerAxis.PerColumn || a2q.Groups != outFeatures))
        {
            throw new ArgumentException($"{name}: the weight quantizer must have one group per output unit ({outFeatures})");
        }

        linear = AddModule(new Linear(name, inFeatures, outFeatures, bias, LinearBiasInit.PyTorchDefault, weightInit));
        FeatureQuantizer = featureQuantizer;
        WeightQuantizer = weightQuantizer;
        OutputQuantizer = outputQuantizer;
        foreach (var q in new[] { featureQuantizer, weightQuantizer, outputQuantizer })
        {
            if (q is not null)
            {
                AddModule((Module)q);
            }
        }
    }

    /// <summary>Quantizes the input per node (A²Q) or per tensor (Degree-Quant); null leaves it in float.</summary>
    public ITensorQuantizer? FeatureQuantizer { get; }

    public ITensorQuantizer WeightQuantizer { get; }

    /// <summary>Quantizes the output (Degree-Quant's "features" quantizer); null leaves it in float.</summary>
    public ITensorQuantizer? OutputQuantizer { get; }

    public int InFeatures => linear.InFeatures;

    public int OutFeatures => linear.OutFeatures;

    public Parameter Weight => linear.Weight;

    public Parameter? Bias => linear.Bias;

    public Variable EffectiveWeight(Tape tape) => WeightQuantizer.Forward(tape, Weight);

    public Variable Forward(Variable x)
    {
        var tape = Tape.Of(x);
        var input = FeatureQuantizer is null ? x : FeatureQuantizer.Forward(x);
        var weight = EffectiveWeight(tape);
        return Output(Bias is null ? Functional.MatMul(input, weight) : Functional.Affine(input, weight, Bias));
    }

    /// <summary>The output quantizer, if any, applied to a finished product (also by layers that form it themselves).</summary>
    public Variable Output(Variable y) => OutputQuantizer is null ? y : OutputQuantizer.Forward(y);

    public Variable Forward(Tape tape, SparseMatrix x)
    {
        if (FeatureQuantizer is not null)
        {
            throw new NotSupportedException("QLinear: a feature quantizer on a constant sparse input is not supported; quantize a dense input");
        }

        var y = Functional.SparseMatMul(tape, x, EffectiveWeight(tape));
        return Output(Bias is null ? y : Functional.AddBias(y, Bias));
    }
}
