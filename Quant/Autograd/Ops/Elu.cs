using System.Numerics.Tensors;
using A2Q.Quant.Tensors.Kernels;

namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>Y = X for X &gt; 0, α·(exp(X) − 1) otherwise; d/dx = 1 or y + α.</summary>
    public static Variable Elu(Variable x, float alpha = 1f)
    {
        var tape = Tape.Of(x);
        var y = tape.Allocate(x.Rows, x.Columns, clear: false);
        var ys = y.Span;

        // Exponentiate everything (vectorised), then keep x where it is positive; an overflow to +∞ on a
        // large positive x is discarded by the select.
        TensorPrimitives.Exp(x.Value.Span, ys);
        TensorPrimitives.Add(ys, -1f, ys);
        TensorPrimitives.Multiply(ys, alpha, ys);
        Activations.SelectPositive(x.Value.Span, ys);
        var result = tape.Result(y, x);
        tape.Record(result, gy => Activations.AccumulateEluGradient(x.Value.Span, y.Span, gy.Span, tape.GradOf(x).Span, alpha));
        return result;
    }
}
