using System.Numerics.Tensors;

namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>Y = A + B, same shapes.</summary>
    public static Variable Add(Variable a, Variable b)
    {
        RequireSameShape("Add", a, b);
        var tape = Tape.Of(a, b);
        var y = tape.Allocate(a.Rows, a.Columns, clear: false);
        float[] av = a.Value.Buffer, bv = b.Value.Buffer, yv = y.Buffer;
        tape.Compute.Elementwise(y.Length, (start, end) =>
            TensorPrimitives.Add(av.AsSpan(start, end - start), bv.AsSpan(start, end - start), yv.AsSpan(start, end - start)));
        var result = tape.Result(y, a, b);
        tape.Record(result, gy =>
        {
            foreach (var input in new[] { a, b })
            {
                if (input.RequiresGrad)
                {
                    tape.AccumulateGrad(input, gy);
                }
            }
        });
        return result;
    }

    internal static void RequireSameShape(string op, Variable a, Variable b)
    {
        if (a.Rows != b.Rows || a.Columns != b.Columns)
        {
            throw new ArgumentException($"{op}: shapes differ: {a.Rows}x{a.Columns} and {b.Rows}x{b.Columns}");
        }
    }
}
