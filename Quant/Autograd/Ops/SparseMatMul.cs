using A2Q.Quant.Tensors;
using A2Q.Quant.Tensors.Kernels;

namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>
    /// Y = S · W for a constant sparse input S (bag-of-words features, ~1% dense) and a dense W. The
    /// product touches only S's stored entries, and so does the weight gradient Sᵀ·dY.
    /// </summary>
    public static Variable SparseMatMul(Tape tape, SparseMatrix s, Variable w)
    {
        if (w.Tape is not null && w.Tape != tape)
        {
            throw new InvalidOperationException("inputs of one op come from different tapes");
        }

        var ctx = tape.Compute;
        var y = tape.Allocate(s.Rows, w.Columns, clear: false);
        Spmm.Multiply(ctx, s.Pattern, s.Values, w.Value, y, accumulate: false);
        var result = tape.Result(y, w);
        tape.Record(result, gy =>
        {
            Spmm.MultiplyTransposed(ctx, s.Pattern, s.Values, gy, tape.GradOf(w), accumulate: true);
        });
        return result;
    }
}
