using A2Q.Quant.Tensors;
using A2Q.Quant.Tensors.Kernels;

namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>Y = A · B for dense A (m×k) and B (k×n).</summary>
    public static Variable MatMul(Variable a, Variable b)
    {
        var tape = Tape.Of(a, b);
        var ctx = tape.Compute;
        var y = tape.Allocate(a.Rows, b.Columns, clear: false);
        Gemm.Multiply(ctx, a.Value, b.Value, y, accumulate: false);
        var result = tape.Result(y, a, b);
        tape.Record(result, gy =>
        {
            if (a.RequiresGrad)
            {
                Gemm.MultiplyTransposeB(ctx, gy, b.Value, tape.GradOf(a), accumulate: true);
            }

            if (b.RequiresGrad)
            {
                Gemm.MultiplyTransposeA(ctx, a.Value, gy, tape.GradOf(b), accumulate: true);
            }
        });
        return result;
    }
}
