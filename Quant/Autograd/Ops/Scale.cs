using System.Numerics.Tensors;

namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>Y = c · X for a constant c.</summary>
    public static Variable Scale(Variable x, float c)
    {
        var tape = Tape.Of(x);
        var y = tape.Allocate(x.Rows, x.Columns, clear: false);
        TensorPrimitives.Multiply(x.Value.Span, c, y.Span);
        var result = tape.Result(y, x);
        tape.Record(result, gy =>
        {
            var g = tape.GradOf(x).Span;
            TensorPrimitives.MultiplyAdd(gy.Span, c, g, g);
        });
        return result;
    }

    /// <summary>
    /// Y = (1 + s) · X for a trainable 1×1 scalar s: GIN's self weight (1 + ε).
    /// dX = (1 + s)·dY, ds = Σ X ⊙ dY.
    /// </summary>
    public static Variable ScaleByOnePlus(Variable x, Variable scalar)
    {
        if (scalar.Value.Length != 1)
        {
            throw new ArgumentException($"ScaleByOnePlus: the scalar must be 1x1, got {scalar.Rows}x{scalar.Columns}");
        }

        var tape = Tape.Of(x, scalar);
        float factor = 1f + scalar.Value.Span[0];
        var y = tape.Allocate(x.Rows, x.Columns, clear: false);
        TensorPrimitives.Multiply(x.Value.Span, factor, y.Span);
        var result = tape.Result(y, x, scalar);
        tape.Record(result, gy =>
        {
            if (x.RequiresGrad)
            {
                var g = tape.GradOf(x).Span;
                TensorPrimitives.MultiplyAdd(gy.Span, factor, g, g);
            }

            if (scalar.RequiresGrad)
            {
                tape.GradOf(scalar).Span[0] += DeterministicDot(tape, x.Value.Buffer, gy.Buffer, x.Value.Length);
            }
        });
        return result;
    }

    /// <summary>A long dot product summed in fixed chunks, so it is the same at any thread count.</summary>
    internal static float DeterministicDot(Tape tape, float[] a, float[] b, int length)
    {
        const int Chunk = 4096;
        var total = new float[1];
        tape.Compute.Reduce(length, Chunk, 1, 1, (start, end, partial) =>
        {
            partial[0] = TensorPrimitives.Dot(a.AsSpan(start, end - start), b.AsSpan(start, end - start));
        }, total);
        return total[0];
    }
}
