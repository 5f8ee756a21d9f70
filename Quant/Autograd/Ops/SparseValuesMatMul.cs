using A2Q.Quant.Tensors;
using A2Q.Quant.Tensors.Kernels;

namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>
    /// Y = S · W where S has a fixed CSR pattern and trainable stored values (1 × nnz): the quantized,
    /// ε-weighted first-layer GIN input. dW = Sᵀ·dY, scattered in S's row order; dS[p] = ⟨dY[row p], W[col p]⟩.
    /// </summary>
    public static Variable SparseValuesMatMul(Tape tape, CsrPattern pattern, Variable values, Variable w)
    {
        if (values.Value.Length != pattern.NonZeros || w.Rows != pattern.Columns)
        {
            throw new ArgumentException($"SparseValuesMatMul: {values.Value.Length} values for {pattern.NonZeros} entries, weight {w.Rows}x{w.Columns} for {pattern.Columns} columns");
        }

        var ctx = tape.Compute;
        var y = tape.Allocate(pattern.Rows, w.Columns, clear: false);
        Spmm.Multiply(ctx, pattern, values.Value.Buffer, w.Value, y, accumulate: false);
        var result = tape.Result(y, values, w);
        tape.Record(result, gy =>
        {
            if (w.RequiresGrad)
            {
                Spmm.MultiplyTransposed(ctx, pattern, values.Value.Buffer, gy, tape.GradOf(w), accumulate: true);
            }

            if (values.RequiresGrad)
            {
                Spmm.ValueGradient(ctx, pattern, w.Value, gy, tape.GradOf(values).Buffer, accumulate: true);
            }
        });
        return result;
    }
}
