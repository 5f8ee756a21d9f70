using System.Numerics.Tensors;

namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>Y = A ⊙ B, elementwise, same shapes.</summary>
    public static Variable Multiply(Variable a, Variable b)
    {
        RequireSameShape("Multiply", a, b);
        var tape = Tape.Of(a, b);
        var y = tape.Allocate(a.Rows, a.Columns, clear: false);
        TensorPrimitives.Multiply(a.Value.Span, b.Value.Span, y.Span);
        var result = tape.Result(y, a, b);
        tape.Record(result, gy =>
        {
            if (a.RequiresGrad)
            {
                var g = tape.GradOf(a).Span;
                TensorPrimitives.MultiplyAdd(gy.Span, b.Value.Span, g, g);
            }

            if (b.RequiresGrad)
            {
                var g = tape.GradOf(b).Span;
                TensorPrimitives.MultiplyAdd(gy.Span, a.Value.Span, g, g);
            }
        });
        return result;
    }
}
