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
        var xs = x.Value.Buffer;
        var ys = y.Buffer;
        tape.Compute.Elementwise(y.Length, (start, end) => TensorPrimitives.Max(xs.AsSpan(start, end - start), 0f, ys.AsSpan(start, end - start)));
        var result = tape.Result(y, x);
        tape.Record(result, gy =>
        {
            var gys = gy.Buffer;
            var gx = tape.GradForAccumulation(x, out bool fresh).Buffer;
            tape.Compute.Elementwise(gy.Length, (start, end) =>
                Activations.AccumulatePiecewiseLinearGradient(xs.AsSpan(start, end - start), gys.AsSpan(start, end - start), gx.AsSpan(start, end - start), 0f, fresh));
        });
        return result;
    }
}
