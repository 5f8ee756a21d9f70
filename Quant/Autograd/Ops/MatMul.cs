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
                // A first gradient is written, not added to zeros: a product's FMA chains start at +0 and so never end at −0,
                // and +0 + chain is the chain itself.
                var gx = tape.GradForAccumulation(a, out bool fresh);
                Gemm.MultiplyTransposeB(ctx, gy, b.Value, gx, accumulate: !fresh);
            }

            if (b.RequiresGrad)
            {
                Gemm.MultiplyTransposeA(ctx, a.Value, gy, tape.GradOf(b), accumulate: true);
            }
        });
        return result;
    }
}
