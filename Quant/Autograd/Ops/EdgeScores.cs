using System.Numerics.Tensors;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>
    /// Per-edge scores e[p, h] = source[col(p), h] + target[row(p), h] over a CSR-by-target pattern (GAT's
    /// a_srcᵀ·z_j + a_dstᵀ·z_i). Edges come out in pattern order; the heads of one edge are contiguous.
    /// </summary>
    public static Variable EdgeScores(CsrPattern edges, Variable sourceScores, Variable targetScores)
    {
        RequireSameShape("EdgeScores", sourceScores, targetScores);
        if (sourceScores.Rows != edges.Columns || edges.Rows != edges.Columns)
        {
            throw new ArgumentException($"EdgeScores: {sourceScores.Rows} node scores for a {edges.Rows}x{edges.Columns} edge pattern");
        }

        var tape = Tape.Of(sourceScores, targetScores);
        int heads = sourceScores.Columns;
        var e = tape.Allocate(edges.NonZeros, heads, clear: false);
        var src = sourceScores.Value.Buffer;
        var dst = targetScores.Value.Buffer;
        var eb = e.Buffer;
        var rowPointers = edges.RowPointers;
        var cols = edges.ColumnIndices;
        tape.Compute.For(edges.Rows, 512, 8L * heads, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                var target = dst.AsSpan(i * heads, heads);
                for (int p = rowPointers[i]; p < rowPointers[i + 1]; p++)
                {
                    TensorPrimitives.Add(src.AsSpan(cols[p] * heads, heads), target, eb.AsSpan(p * heads, heads));
                }
            }
        });
        var result = tape.Result(e, sourceScores, targetScores);
        tape.Record(result, ge =>
        {
            var geb = ge.Buffer;
            if (targetScores.RequiresGrad)
            {
                var g = tape.GradOf(targetScores).Buffer;
                tape.Compute.For(edges.Rows, 512, 8L * heads, (start, end) =>
                {
                    for (int i = start; i < end; i++)
                    {
                        var gi = g.AsSpan(i * heads, heads);
                        for (int p = rowPointers[i]; p < rowPointers[i + 1]; p++)
                        {
                            TensorPrimitives.Add(gi, geb.AsSpan(p * heads, heads), gi);
                        }
                    }
                });
            }

            if (sourceScores.RequiresGrad)
            {
                // Sum over each node's outgoing edges through the transposed pattern: one writer per node.
                var g = tape.GradOf(sourceScores).Buffer;
                var (transposed, permutation) = edges.Transposed;
                var tRows = transposed.RowPointers;
                tape.Compute.For(transposed.Rows, 512, 8L * heads, (start, end) =>
                {
                    for (int j = start; j < end; j++)
                    {
                        var gj = g.AsSpan(j * heads, heads);
                        for (int q = tRows[j]; q < tRows[j + 1]; q++)
                        {
                            TensorPrimitives.Add(gj, geb.AsSpan(permutation[q] * heads, heads), gj);
                        }
                    }
                });
            }
        });
        return result;
    }
}
