using A2Q.Quant.Autograd;
using A2Q.Quant.Nn;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Quantization;

/// <summary>
/// Bi-GCN's binarizer in a quantizer slot: node features per row with the clipped straight-through estimator
/// (BinActive), weights per output unit with the scale's derivative (BinLinear). It has no parameters.
/// </summary>
public sealed class BinaryQuantizer(string name, QuantizerAxis axis, BinarizeGradient gradient) : Module, ITensorQuantizer
{
    public string Name { get; } = name;

    public QuantizerAxis Axis { get; } = axis;

    public BinarizeGradient Gradient { get; } = gradient;

    public Variable Forward(Variable x) => Functional.Binarize(x, Axis, Gradient);

    public Variable Forward(Tape tape, Variable parameter) => Functional.Binarize(tape, parameter, Axis, Gradient);

    public Variable ForwardSparseRows(Tape tape, CsrPattern pattern, Variable values) =>
        throw new NotSupportedException($"{Name}: binarizing the stored values of a sparse input is not supported; Bi-GCN binarizes a dense, batch-normalised input");
}
