using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Quantization;

/// <summary>
/// A fake quantizer a layer can hold in one of its slots (inputs, weights, X·W, attention, outputs):
/// A²Q's learnable per-group quantizer or Degree-Quant's per-tensor INT quantizer.
/// </summary>
public interface ITensorQuantizer
{
    /// <summary>Quantizes an activation that lives on a tape.</summary>
    Variable Forward(Variable x);

    /// <summary>Quantizes a parameter (a weight or attention vector), which lives on no tape.</summary>
    Variable Forward(Tape tape, Variable parameter);

    /// <summary>Quantizes the stored values (1 × nnz) of a sparse matrix whose rows are nodes.</summary>
    Variable ForwardSparseRows(Tape tape, CsrPattern pattern, Variable values);
}
