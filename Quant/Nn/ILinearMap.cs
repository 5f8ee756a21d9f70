using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Nn;

/// <summary>
/// y = x·W + b, full precision (<see cref="Linear"/>) or with quantized inputs and weights (QLinear). Graph
/// layers take one, so quantization plugs into the same GCN/GIN/GAT code.
/// </summary>
public interface ILinearMap
{
    int InFeatures { get; }

    int OutFeatures { get; }

    Parameter Weight { get; }

    Parameter? Bias { get; }

    Variable Forward(Variable x);

    /// <summary>For a constant sparse input (bag-of-words features).</summary>
    Variable Forward(Tape tape, SparseMatrix x);

    /// <summary>The weight as the product uses it (quantized for QLinear).</summary>
    Variable EffectiveWeight(Tape tape);
}
