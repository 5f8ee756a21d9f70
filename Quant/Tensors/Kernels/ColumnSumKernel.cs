using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace A2Q.Quant.Tensors.Kernels;

/// <summary>
/// Column sums of a block of rows: sums[j] += rows[start][j] + … + rows[end − 1][j], added row by row in order, which
/// is what adding one row at a time into the sums gives, element for element. The running sums stay in registers
/// across the rows: a bias gradient over a 55,000-row mini-batch had been 55,000 calls that each loaded and stored
/// the sums for one 64-float row.
/// </summary>
internal static class ColumnSumKernel
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddRows(float[] rows, int columns, int start, int end, Span<float> sums)
    {
        if (sums.Length != columns || (long)end * columns > rows.Length || start < 0 || start > end)
        {
            throw new ArgumentException($"column sums: rows {start}…{end} of width {columns} in {rows.Length} floats, {sums.Length} sums");
        }

        ref float s = ref MemoryMarshal.GetReference(sums);
        ref float b = ref MemoryMarshal.GetArrayDataReference(rows);
        int n = columns, j = 0;
        for (; j + 64 <= n; j += 64)
        {
            var a0 = Vector512.LoadUnsafe(ref s, (nuint)j);
            var a1 = Vector512.LoadUnsafe(ref s, (nuint)(j + 16));
            var a2 = Vector512.LoadUnsafe(ref s, (nuint)(j + 32));
            var a3 = Vector512.LoadUnsafe(ref s, (nuint)(j + 48));
            for (int i = start; i < end; i++)
            {
                ref float row = ref Unsafe.Add(ref b, ((nint)i * n) + j);
                a0 += Vector512.LoadUnsafe(ref row);
                a1 += Vector512.LoadUnsafe(ref row, 16);
                a2 += Vector512.LoadUnsafe(ref row, 32);
                a3 += Vector512.LoadUnsafe(ref row, 48);
            }

            a0.StoreUnsafe(ref s, (nuint)j);
            a1.StoreUnsafe(ref s, (nuint)(j + 16));
            a2.StoreUnsafe(ref s, (nuint)(j + 32));
            a3.StoreUnsafe(ref s, (nuint)(j + 48));
        }

        for (; j + 16 <= n; j += 16)
        {
            var a = Vector512.LoadUnsafe(ref s, (nuint)j);
            for (int i = start; i < end; i++)
            {
                a += Vector512.LoadUnsafe(ref b, (nuint)(((nint)i * n) + j));
            }

            a.StoreUnsafe(ref s, (nuint)j);
        }

        for (; j < n; j++)
        {
            float a = Unsafe.Add(ref s, j);
            for (int i = start; i < end; i++)
            {
                a += Unsafe.Add(ref b, ((nint)i * n) + j);
            }

            Unsafe.Add(ref s, j) = a;
        }
    }

    /// <summary>
    /// <see cref="AddRows"/> of <paramref name="rows"/> into <paramref name="sums"/> and, in the same pass, of the
    /// elementwise products rows ⊙ <paramref name="factors"/> into <paramref name="productSums"/>: each product is
    /// rounded and then added (no fused multiply-add), so both sums equal those of AddRows over the rows and over a
    /// product tensor formed first, without that tensor (BatchNorm's Σdy and Σdy·x̂).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddRowsAndProducts(float[] rows, float[] factors, int columns, int start, int end, Span<float> sums, Span<float> productSums)
    {
        if (sums.Length != columns || productSums.Length != columns || (long)end * columns > Math.Min(rows.Length, factors.Length) || start < 0 || start > end)
        {
            throw new ArgumentException($"column sums of products: rows {start}…{end} of width {columns} in {rows.Length} and {factors.Length} floats, {sums.Length} and {productSums.Length} sums");
        }

        ref float s = ref MemoryMarshal.GetReference(sums);
        ref float ps = ref MemoryMarshal.GetReference(productSums);
        ref float b = ref MemoryMarshal.GetArrayDataReference(rows);
        ref float f = ref MemoryMarshal.GetArrayDataReference(factors);
        int n = columns, j = 0;
        for (; j + 32 <= n; j += 32)
        {
            var a0 = Vector512.LoadUnsafe(ref s, (nuint)j);
            var a1 = Vector512.LoadUnsafe(ref s, (nuint)(j + 16));
            var p0 = Vector512.LoadUnsafe(ref ps, (nuint)j);
            var p1 = Vector512.LoadUnsafe(ref ps, (nuint)(j + 16));
            for (int i = start; i < end; i++)
            {
                nint at = ((nint)i * n) + j;
                var r0 = Vector512.LoadUnsafe(ref Unsafe.Add(ref b, at));
                var r1 = Vector512.LoadUnsafe(ref Unsafe.Add(ref b, at), 16);
                a0 += r0;
                a1 += r1;
                p0 += r0 * Vector512.LoadUnsafe(ref Unsafe.Add(ref f, at));
                p1 += r1 * Vector512.LoadUnsafe(ref Unsafe.Add(ref f, at), 16);
            }

            a0.StoreUnsafe(ref s, (nuint)j);
            a1.StoreUnsafe(ref s, (nuint)(j + 16));
            p0.StoreUnsafe(ref ps, (nuint)j);
            p1.StoreUnsafe(ref ps, (nuint)(j + 16));
        }

        for (; j + 16 <= n; j += 16)
        {
            var a = Vector512.LoadUnsafe(ref s, (nuint)j);
            var p = Vector512.LoadUnsafe(ref ps, (nuint)j);
            for (int i = start; i < end; i++)
            {
                nint at = ((nint)i * n) + j;
                var r = Vector512.LoadUnsafe(ref Unsafe.Add(ref b, at));
                a += r;
                p += r * Vector512.LoadUnsafe(ref Unsafe.Add(ref f, at));
            }

            a.StoreUnsafe(ref s, (nuint)j);
            p.StoreUnsafe(ref ps, (nuint)j);
        }

        for (; j < n; j++)
        {
            float a = Unsafe.Add(ref s, j), p = Unsafe.Add(ref ps, j);
            for (int i = start; i < end; i++)
            {
                float r = Unsafe.Add(ref b, ((nint)i * n) + j);
                a += r;
                p += r * Unsafe.Add(ref f, ((nint)i * n) + j);
            }

            Unsafe.Add(ref s, j) = a;
            Unsafe.Add(ref ps, j) = p;
        }
    }
}
