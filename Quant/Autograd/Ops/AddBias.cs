using System.Numerics.Tensors;
using A2Q.Quant.Tensors.Kernels;

namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>Y = X + 1·bᵀ: the bias row is added to every row of X.</summary>
    public static Variable AddBias(Variable x, Variable bias)
    {
        if (bias.Rows != 1 || bias.Columns != x.Columns)
        {
            throw new ArgumentException($"AddBias: bias must be 1x{x.Columns}, got {bias.Rows}x{bias.Columns}");
        }

        var tape = Tape.Of(x, bias);
        var y = tape.Allocate(x.Rows, x.Columns, clear: false);
        var b = bias.Value.Buffer;
        int columns = x.Columns;
        tape.Compute.For(x.Rows, Math.Max(1, Tensors.ComputeContext.ElementwiseChunk / Math.Max(1, columns)), columns, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                TensorPrimitives.Add(x.Value.Row(i), b.AsSpan(0, columns), y.Row(i));
            }
        });

        var result = tape.Result(y, x, bias);
        tape.Record(result, gy =>
        {
            if (x.RequiresGrad)
            {
                tape.AccumulateGrad(x, gy);
            }

            if (bias.RequiresGrad)
            {
                ColumnSums(tape, gy, tape.GradOf(bias).Span);
            }
        });
        return result;
    }

    /// <summary>Adds the column sums of <paramref name="g"/> to <paramref name="destination"/>, in fixed row chunks.</summary>
    internal static void ColumnSums(Tape tape, A2Q.Quant.Tensors.Tensor g, Span<float> destination)
    {
        int n = g.Columns;
        var sums = tape.AllocateScratch(n, clear: false);
        var buffer = g.Buffer;
        tape.Compute.Reduce(g.Rows, 512, n, n, (start, end, partial) => ColumnSumKernel.AddRows(buffer, n, start, end, partial.AsSpan(0, n)), sums.AsSpan(0, n));
        TensorPrimitives.Add(destination, sums.AsSpan(0, n), destination);
    }
}
