using A2Q.Quant.Tensors;
using A2Q.Quant.Tensors.Kernels;

namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>
    /// Attention-weighted aggregation, per head: out[i, h·C + c] = Σ_{p ∈ in(i)} α[p, h] · z[col(p), h·C + c].
    /// Gradients: dα[p, h] = ⟨dOut[row(p), h], z[col(p), h]⟩; dz through the transposed pattern, one writer
    /// per source node.
    /// </summary>
    public static Variable EdgeAggregate(CsrPattern edges, Variable alpha, Variable z)
    {
        int heads = alpha.Columns;
        if (alpha.Rows != edges.NonZeros || z.Rows != edges.Columns || z.Columns % heads != 0)
        {
            throw new ArgumentException($"EdgeAggregate: alpha {alpha.Rows}x{alpha.Columns}, z {z.Rows}x{z.Columns} do not fit {edges.NonZeros} edges");
        }

        var tape = Tape.Of(alpha, z);
        int width = z.Columns, c = width / heads;
        var output = tape.Allocate(edges.Rows, width, clear: true);
        var ab = alpha.Value.Buffer;
        var zb = z.Value.Buffer;
        var ob = output.Buffer;
        var rowPointers = edges.RowPointers;
        var cols = edges.ColumnIndices;
        long work = 8L * width;
        tape.Compute.For(edges.Rows, 256, work, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                var outRow = ob.AsSpan(i * width, width);
                for (int p = rowPointers[i]; p < rowPointers[i + 1]; p++)
                {
                    HeadKernels.AddHeadScaled(ab.AsSpan(p * heads, heads), zb.AsSpan(cols[p] * width, width), outRow, heads, c);
                }
            }
        });
        var result = tape.Result(output, alpha, z);
        tape.Record(result, gOut =>
        {
            var gb = gOut.Buffer;
            if (alpha.RequiresGrad)
            {
                var gAlpha = tape.GradOf(alpha).Buffer;
                tape.Compute.For(edges.Rows, 256, work, (start, end) =>
                {
                    for (int i = start; i < end; i++)
                    {
                        var gRow = gb.AsSpan(i * width, width);
                        for (int p = rowPointers[i]; p < rowPointers[i + 1]; p++)
                        {
                            HeadKernels.HeadDots(gRow, zb.AsSpan(cols[p] * width, width), gAlpha.AsSpan(p * heads, heads), heads, c, accumulate: true);
                        }
                    }
                });
            }

            if (z.RequiresGrad)
            {
                var gz = tape.GradOf(z).Buffer;
                var (transposed, permutation) = edges.Transposed;
                var tRows = transposed.RowPointers;
                var tCols = transposed.ColumnIndices;
                tape.Compute.For(transposed.Rows, 256, work, (start, end) =>
                {
                    for (int j = start; j < end; j++)
                    {
                        var gRow = gz.AsSpan(j * width, width);
                        for (int q = tRows[j]; q < tRows[j + 1]; q++)
                        {
                            HeadKernels.AddHeadScaled(ab.AsSpan(permutation[q] * heads, heads), gb.AsSpan(tCols[q] * width, width), gRow, heads, c);
                        }
                    }
                });
            }
        });
        return result;
    }
}
