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
}
