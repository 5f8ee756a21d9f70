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
        if (n == 16)
        {
            ctx.For(s.Rows, RowChunk, workPerRow, (start, end) => SixteenWideRows(rowPointers, cols, values, db, cb, start, end, accumulate));
            return;
        }

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
    /// Rows [start, end) of a 16-wide product (hidden width 16). One row is one chain of vector FMAs, which alone waits
    /// on the FMA latency at every entry; four rows run side by side instead, and a chain that finishes its row takes
    /// the next one. Every row still gets exactly the chain <see cref="RowAccumulator.WeightedRowSum"/> computes for
    /// it (from zero, entries in order, the old C added last), so results are unchanged.
    /// </summary>
    private static void SixteenWideRows(int[] rowPointers, int[] cols, float[]? values, float[] d, float[] c, int start, int end, bool accumulate)
    {
        ref float dRef = ref MemoryMarshal.GetArrayDataReference(d);
        ref float cRef = ref MemoryMarshal.GetArrayDataReference(c);
        Span<int> row = stackalloc int[4];
        Span<int> next = stackalloc int[4];
        Span<int> stop = stackalloc int[4];
        var a0 = Vector512<float>.Zero;
        var a1 = Vector512<float>.Zero;
        var a2 = Vector512<float>.Zero;
        var a3 = Vector512<float>.Zero;
        int nextRow = start;
        bool exhausted = false;
        for (int k = 0; k < 4; k++)
        {
            exhausted |= !TakeRow(k, row, next, stop, rowPointers, ref nextRow, end);
        }

        while (!exhausted)
        {
            int steps = Math.Min(Math.Min(stop[0] - next[0], stop[1] - next[1]), Math.Min(stop[2] - next[2], stop[3] - next[3]));
            int q0 = next[0], q1 = next[1], q2 = next[2], q3 = next[3];
            for (int t = 0; t < steps; t++)
            {
                a0 = Term(a0, q0 + t, cols, values, ref dRef);
                a1 = Term(a1, q1 + t, cols, values, ref dRef);
                a2 = Term(a2, q2 + t, cols, values, ref dRef);
                a3 = Term(a3, q3 + t, cols, values, ref dRef);
            }

            next[0] += steps;
            next[1] += steps;
            next[2] += steps;
            next[3] += steps;
            exhausted |= Retire(ref a0, 0, row, next, stop, rowPointers, ref nextRow, end, ref cRef, accumulate);
            exhausted |= Retire(ref a1, 1, row, next, stop, rowPointers, ref nextRow, end, ref cRef, accumulate);
            exhausted |= Retire(ref a2, 2, row, next, stop, rowPointers, ref nextRow, end, ref cRef, accumulate);
            exhausted |= Retire(ref a3, 3, row, next, stop, rowPointers, ref nextRow, end, ref cRef, accumulate);
        }

        // No rows left to hand out: the chains still running finish one at a time.
        FinishAlone(a0, 0, row, next, stop, cols, values, ref dRef, ref cRef, accumulate);
        FinishAlone(a1, 1, row, next, stop, cols, values, ref dRef, ref cRef, accumulate);
        FinishAlone(a2, 2, row, next, stop, cols, values, ref dRef, ref cRef, accumulate);
        FinishAlone(a3, 3, row, next, stop, cols, values, ref dRef, ref cRef, accumulate);
    }

    /// <summary>Hands the next row of the range to chain k, or marks the chain idle (row −1) when none is left.</summary>
    private static bool TakeRow(int k, Span<int> row, Span<int> next, Span<int> stop, int[] rowPointers, ref int nextRow, int end)
    {
        if (nextRow == end)
        {
            row[k] = -1;
            next[k] = stop[k] = 0;
            return false;
        }

        row[k] = nextRow;
        next[k] = rowPointers[nextRow];
        stop[k] = rowPointers[nextRow + 1];
        nextRow++;
        return true;
    }

    /// <summary>Stores chain k if its row is done and gives it the next row; true when no row was left for it.</summary>
    private static bool Retire(
        ref Vector512<float> sum, int k, Span<int> row, Span<int> next, Span<int> stop, int[] rowPointers, ref int nextRow, int end,
        ref float c, bool accumulate)
    {
        if (next[k] != stop[k])
        {
            return false;
        }

        StoreRow(sum, row[k], ref c, accumulate);
        sum = Vector512<float>.Zero;
        return !TakeRow(k, row, next, stop, rowPointers, ref nextRow, end);
    }

    private static void FinishAlone(
        Vector512<float> sum, int k, Span<int> row, Span<int> next, Span<int> stop, int[] cols, float[]? values, ref float d, ref float c, bool accumulate)
    {
        if (row[k] < 0)
        {
            return;
        }

        for (int q = next[k]; q < stop[k]; q++)
        {
            sum = Term(sum, q, cols, values, ref d);
        }

        StoreRow(sum, row[k], ref c, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Term(Vector512<float> sum, int q, int[] cols, float[]? values, ref float d)
    {
        var source = Vector512.LoadUnsafe(ref d, (nuint)cols[q] * 16);
        return values is null ? sum + source : Vector512.FusedMultiplyAdd(Vector512.Create(values[q]), source, sum);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(Vector512<float> sum, int row, ref float c, bool accumulate)
    {
        ref float destination = ref Unsafe.Add(ref c, (nint)row * 16);
        if (accumulate)
        {
            sum += Vector512.LoadUnsafe(ref destination);
        }

        sum.StoreUnsafe(ref destination);
    }

    /// <summary>
    /// C (k×n) = Sᵀ·D (S is m×k, D is m×n), or C += Sᵀ·D with <paramref name="accumulate"/>: the weight gradient of a
    /// sparse-input product. S is walked in its own row order and each stored entry adds its scaled row of D to C's
    /// row for its column, so neither the transposed pattern nor a permuted copy of the values is read.
    /// </summary>
    /// <remarks>
    /// The rows of Sᵀ list S's rows in ascending order, so every element of C receives the same FMA chain, from zero
    /// and in the same order, as <see cref="Multiply"/> on the transposed pattern computes for it: the results are
    /// equal. Tasks own disjoint blocks of C's columns (lanes never mix), so the thread count changes nothing either.
    /// With accumulate the chains run in a zeroed scratch, which is then added to C, as Multiply adds its finished chains.
    /// </remarks>
    public static void MultiplyTransposed(ComputeContext ctx, CsrPattern s, float[]? values, Tensor d, Tensor c, bool accumulate)
    {
        if (s.Rows != d.Rows || c.Rows != s.Columns || c.Columns != d.Columns)
        {
            throw new ArgumentException($"sparse transposed multiply: shapes do not fit: ({s.Rows}x{s.Columns})ᵀ (sparse), {d.Rows}x{d.Columns} -> {c.Rows}x{c.Columns}");
        }

        int n = d.Columns;
        float[] target = accumulate ? ctx.Pool.Rent(c.Length, clear: true) : c.Buffer;
        if (!accumulate)
        {
            Array.Clear(target, 0, c.Length);
        }

        // 16-column blocks, or 8 when that is what gives every thread a block (hidden width 16 on two threads).
        int width = n >= 16 * ctx.Threads || n < 16 ? 16 : 8;
        int blocks = (n + width - 1) / width;
        float[] db = d.Buffer;
        ctx.For(blocks, 1, (long)s.NonZeros * width, (first, last) =>
        {
            for (int block = first; block < last; block++)
            {
                ScatterRows(s, values, db, target, n, block * width, Math.Min(n, (block + 1) * width));
            }
        });

        if (accumulate)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(c.Buffer.AsSpan(0, c.Length), target.AsSpan(0, c.Length), c.Buffer.AsSpan(0, c.Length));
            ctx.Pool.Return(target);
        }
    }

    /// <summary>Columns [from, to) of C += Sᵀ·D, entry by entry in S's row order.</summary>
    private static void ScatterRows(CsrPattern s, float[]? values, float[] d, float[] c, int n, int from, int to)
    {
        int[] rowPointers = s.RowPointers, cols = s.ColumnIndices;
        ref float dRef = ref MemoryMarshal.GetArrayDataReference(d);
        ref float cRef = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(c), from);
        for (int i = 0; i < s.Rows; i++)
        {
            ref float source = ref Unsafe.Add(ref dRef, ((nint)i * n) + from);
            int p = rowPointers[i], stop = rowPointers[i + 1];
            if (to - from == 16)
            {
                // The usual block (hidden width 16, or a 16-column block of a wider one): the row of D stays in a register.
                var row16 = Vector512.LoadUnsafe(ref source);
                for (; p < stop; p++)
                {
                    ref float target = ref Unsafe.Add(ref cRef, (nint)cols[p] * n);
                    var sum = values is null
                        ? Vector512.LoadUnsafe(ref target) + row16
                        : Vector512.FusedMultiplyAdd(Vector512.Create(values[p]), row16, Vector512.LoadUnsafe(ref target));
                    sum.StoreUnsafe(ref target);
                }

                continue;
            }

            for (; p < stop; p++)
            {
                ScatterEntry(ref Unsafe.Add(ref cRef, (nint)cols[p] * n), ref source, values is null ? null : values[p], to - from);
            }
        }
    }

    /// <summary>
    /// target[0 … width) += v·source (an FMA), or += source for unit weights, which is exactly what Multiply's chain
    /// does for a unit entry (it adds, 0 + x first).
    /// </summary>
    private static void ScatterEntry(ref float target, ref float source, float? weight, int width)
    {
        int j = 0;
        if (weight is not { } v)
        {
            for (; j + 8 <= width; j += 8)
            {
                (Vector256.LoadUnsafe(ref target, (nuint)j) + Vector256.LoadUnsafe(ref source, (nuint)j)).StoreUnsafe(ref target, (nuint)j);
            }

            for (; j < width; j++)
            {
                Unsafe.Add(ref target, j) += Unsafe.Add(ref source, j);
            }

            return;
        }

        var w8 = Vector256.Create(v);
        for (; j + 8 <= width; j += 8)
        {
            Vector256.FusedMultiplyAdd(w8, Vector256.LoadUnsafe(ref source, (nuint)j), Vector256.LoadUnsafe(ref target, (nuint)j)).StoreUnsafe(ref target, (nuint)j);
        }

        for (; j < width; j++)
        {
            Unsafe.Add(ref target, j) = MathF.FusedMultiplyAdd(v, Unsafe.Add(ref source, j), Unsafe.Add(ref target, j));
        }
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
}
