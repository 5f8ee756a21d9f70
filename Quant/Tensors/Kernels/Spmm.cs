using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace A2Q.Quant.Tensors.Kernels;

/// <summary>
/// Sparse (CSR) × dense products: bag-of-words inputs times a weight matrix, and neighbourhood
/// aggregation, where row i of the CSR lists the sources of node i's incoming edges. Each output row is
/// written by one task.
/// </summary>
internal static class Spmm
{
    private const int RowChunk = 128;

    /// <summary>
    /// C (m×n) = S (m×k) · D (k×n); <paramref name="values"/> null means every stored entry is 1 (sum
    /// aggregation). <paramref name="accumulate"/> adds to C.
    /// </summary>
    public static void Multiply(ComputeContext ctx, CsrPattern s, float[]? values, Tensor d, Tensor c, bool accumulate)
    {
        if (s.Columns != d.Rows || c.Rows != s.Rows || c.Columns != d.Columns)
        {
            throw new ArgumentException($"sparse multiply: shapes do not fit: {s.Rows}x{s.Columns} (sparse), {d.Rows}x{d.Columns} -> {c.Rows}x{c.Columns}");
        }

        int n = d.Columns;
        float[] db = d.Buffer, cb = c.Buffer;
        int[] rowPointers = s.RowPointers, cols = s.ColumnIndices;
        long workPerRow = Math.Max(1, s.NonZeros / Math.Max(1, s.Rows)) * (long)n;
        ctx.For(s.Rows, RowChunk, workPerRow, (start, end) =>
        {
            ref float dRef = ref MemoryMarshal.GetArrayDataReference(db);
            for (int i = start; i < end; i++)
            {
                int begin = rowPointers[i], count = rowPointers[i + 1] - begin;
                RowAccumulator.WeightedRowSum(
                    cols.AsSpan(begin, count),
                    values is null ? default : values.AsSpan(begin, count),
                    unitWeights: values is null,
                    identityRows: false,
                    count,
                    ref dRef,
                    n,
                    cb.AsSpan(i * n, n),
                    accumulate);
            }
        });
    }

    /// <summary>
    /// The gradient of C = S·D with respect to the stored values of S: g[p] = dot(dC[row(p), :], D[col(p), :]).
    /// For 16-wide rows eight dots share one horizontal-add tree (a horizontal sum per dot would cost more
    /// than the dot itself).
    /// </summary>
    public static void ValueGradient(ComputeContext ctx, CsrPattern s, Tensor d, Tensor gradC, float[] gradValues, bool accumulate)
    {
        int n = d.Columns;
        float[] db = d.Buffer, gb = gradC.Buffer;
        int[] rowPointers = s.RowPointers, cols = s.ColumnIndices;
        bool sixteen = n == 16 && Avx.IsSupported;
        ctx.For(s.Rows, RowChunk, Math.Max(1, s.NonZeros / Math.Max(1, s.Rows)) * (long)n, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                var gRow = gb.AsSpan(i * n, n);
                int p = rowPointers[i], stop = rowPointers[i + 1];
                if (sixteen)
                {
                    var g = Vector512.Create<float>(gRow);
                    for (; p + 8 <= stop; p += 8)
                    {
                        var sums = HeadKernels.EightRowSums(
                            Fold(g, db, cols[p]), Fold(g, db, cols[p + 1]), Fold(g, db, cols[p + 2]), Fold(g, db, cols[p + 3]),
                            Fold(g, db, cols[p + 4]), Fold(g, db, cols[p + 5]), Fold(g, db, cols[p + 6]), Fold(g, db, cols[p + 7]));
                        var target = gradValues.AsSpan(p, 8);
                        if (accumulate)
                        {
                            sums += Vector256.Create<float>(target);
                        }

                        sums.CopyTo(target);
                    }
                }

                for (; p < stop; p++)
                {
                    float v = RowAccumulator.Dot(gRow, db.AsSpan(cols[p] * n, n));
                    gradValues[p] = accumulate ? gradValues[p] + v : v;
                }
            }
        });
    }

    /// <summary>The 16 products g ⊙ D[row] folded to 8 lanes (lower half + upper half) for the sum tree.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Fold(Vector512<float> g, float[] d, int row)
    {
        var product = g * Vector512.Create<float>(d.AsSpan(row * 16, 16));
        return product.GetLower() + product.GetUpper();
    }

    /// <summary>Carries values across to the transposed pattern: t[k] = values[permutation[k]].</summary>
    public static void Permute(float[] values, int[] permutation, float[] transposed)
    {
        for (int k = 0; k < permutation.Length; k++)
        {
            transposed[k] = values[permutation[k]];
        }
    }
}
