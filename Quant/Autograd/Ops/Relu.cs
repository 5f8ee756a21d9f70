using System.Numerics.Tensors;
using A2Q.Quant.Tensors.Kernels;

namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>Y = max(X, 0); the gradient passes where X &gt; 0.</summary>
    public static Variable Relu(Variable x)
    {
        var tape = Tape.Of(x);
        var y = tape.Allocate(x.Rows, x.Columns, clear: false);
        TensorPrimitives.Max(x.Value.Span, 0f, y.Span);
        var result = tape.Result(y, x);
        tape.Record(result, gy => Activations.AccumulatePiecewiseLinearGradient(x.Value.Span, gy.Span, tape.GradOf(x).Span, 0f));
        return result;
    }
}
