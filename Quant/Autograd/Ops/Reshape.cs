namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>The same values in row-major order, as rows × columns (a copy, so the input stays untouched).</summary>
    public static Variable Reshape(Tape tape, Variable x, int rows, int columns)
    {
        if (rows * columns != x.Value.Length)
        {
            throw new ArgumentException($"Reshape: {x.Rows}x{x.Columns} cannot become {rows}x{columns}");
        }

        var y = tape.Allocate(rows, columns, clear: false);
        x.Value.Span.CopyTo(y.Span);
        var result = tape.Result(y, x);
        tape.Record(result, gy =>
        {
            var g = tape.GradOf(x).Span;
            System.Numerics.Tensors.TensorPrimitives.Add(g, gy.Span, g);
        });
        return result;
    }
}
