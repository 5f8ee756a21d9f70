using System.Runtime.InteropServices;

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
    /// </summary>
    public static void ValueGradient(ComputeContext ctx, CsrPattern s, Tensor d, Tensor gradC, float[] gradValues, bool accumulate)
    {
        int n = d.Columns;
        float[] db = d.Buffer, gb = gradC.Buffer;
        int[] rowPointers = s.RowPointers, cols = s.ColumnIndices;
        ctx.For(s.Rows, RowChunk, Math.Max(1, s.NonZeros / Math.Max(1, s.Rows)) * (long)n, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                var gRow = gb.AsSpan(i * n, n);
                for (int p = rowPointers[i]; p < rowPointers[i + 1]; p++)
                {
                    float v = RowAccumulator.Dot(gRow, db.AsSpan(cols[p] * n, n));
                    gradValues[p] = accumulate ? gradValues[p] + v : v;
                }
            }
        });
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
