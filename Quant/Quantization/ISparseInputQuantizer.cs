using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Quantization;

/// <summary>A quantizer for a model's constant sparse input (no gradient flows into it).</summary>
public interface ISparseInputQuantizer
{
    SparseMatrix QuantizeSparse(Tape tape, SparseMatrix x);
}
