using A2Q.Quant.Tensors;
using A2Q.Quant.Tensors.Kernels;

namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>
    /// Each edge's weighted message, one row per edge in CSR order: m[p, h·C + c] = w[p, h] · z[col(p), h·C + c]
    /// (GCN: w = Â's value, one head; GAT: w = α per head). <see cref="EdgeAggregate"/> fuses this with the sum; the
    /// two are kept apart only where something acts on the messages themselves (Degree-Quant quantizes them).
    /// Gradients: dw[p, h] = ⟨dm[p, h], z[col(p), h]⟩; dz through the transposed pattern, one writer per source node.
    /// </summary>
    public static Variable EdgeMessages(CsrPattern edges, Variable weights, Variable z)
    {
        int heads = weights.Columns;
        if (weights.Rows != edges.NonZeros || z.Rows != edges.Columns || z.Columns % heads != 0)
        {
            throw new ArgumentException($"EdgeMessages: weights {weights.Rows}x{weights.Columns}, z {z.Rows}x{z.Columns} do not fit {edges.NonZeros} edges");
        }

        var tape = Tape.Of(weights, z);
        int width = z.Columns, c = width / heads;
        var output = tape.Allocate(edges.NonZeros, width, clear: true);
        var wb = weights.Value.Buffer;
        var zb = z.Value.Buffer;
        var ob = output.Buffer;
        var rowPointers = edges.RowPointers;
        var cols = edges.ColumnIndices;
        long work = 4L * width;
        tape.Compute.For(edges.Rows, 256, work, (start, end) =>
        {
            for (int p = rowPointers[start]; p < rowPointers[end]; p++)
            {
                // Added to zeros: a fused multiply-add onto +0 rounds once, exactly as the product alone.
                HeadKernels.AddHeadScaled(wb.AsSpan(p * heads, heads), zb.AsSpan(cols[p] * width, width), ob.AsSpan(p * width, width), heads, c);
            }
        });
        var result = tape.Result(output, weights, z);
        tape.Record(result, gOut =>
        {
            var gb = gOut.Buffer;
            if (weights.RequiresGrad)
            {
                var gWeights = tape.GradOf(weights).Buffer;
                tape.Compute.For(edges.Rows, 256, work, (start, end) =>
                {
                    for (int p = rowPointers[start]; p < rowPointers[end]; p++)
                    {
                        HeadKernels.HeadDots(gb.AsSpan(p * width, width), zb.AsSpan(cols[p] * width, width), gWeights.AsSpan(p * heads, heads), heads, c, accumulate: true);
                    }
                });
            }

            if (z.RequiresGrad)
            {
                var gz = tape.GradOf(z).Buffer;
                var (transposed, permutation) = edges.Transposed;
                var tRows = transposed.RowPointers;
                tape.Compute.For(transposed.Rows, 256, work, (start, end) =>
                {
                    for (int j = start; j < end; j++)
                    {
                        var gRow = gz.AsSpan(j * width, width);
                        for (int q = tRows[j]; q < tRows[j + 1]; q++)
                        {
                            int p = permutation[q];
                            HeadKernels.AddHeadScaled(wb.AsSpan(p * heads, heads), gb.AsSpan(p * width, width), gRow, heads, c);
                        }
                    }
                });
            }
        });
        return result;
    }
}
