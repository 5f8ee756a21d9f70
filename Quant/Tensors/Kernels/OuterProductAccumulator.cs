using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace A2Q.Quant.Tensors.Kernels;

/// <summary>
/// The inner loop of Aᵀ·B over a chunk of rows: P[p, :] += Σ_i a[i, p] · b[i, :]. A block of 4 rows of P ×
/// 64 columns (or 16, past the last 64) lives in 16 (4) Vector512 registers while the chunk's rows stream past, so P is read and written
/// once per block instead of once per row (a row-at-a-time rank-1 update is bound by its stores). Each element
/// still sums over i in row order with one fused multiply-add per row, exactly as the rank-1 form, so results
/// are bit-identical to it.
/// </summary>
internal static class OuterProductAccumulator
{
    /// <param name="scalars">rows × scalarWidth, row-major (A)</param>
    /// <param name="vectors">rows × vectorWidth, row-major (B)</param>
    /// <param name="partial">scalarWidth × vectorWidth, added to</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Accumulate(ReadOnlySpan<float> scalars, int scalarWidth, ReadOnlySpan<float> vectors, int vectorWidth, int rows, Span<float> partial)
    {
        ref float a = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(scalars);
        ref float b = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(vectors);
        ref float c = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(partial);
        int wideColumns = Vector512.IsHardwareAccelerated ? vectorWidth / 64 * 64 : 0;
        int blockedColumns = Vector512.IsHardwareAccelerated ? vectorWidth / 16 * 16 : 0;
        int blockedRows = scalarWidth / 4 * 4;
        for (int p = 0; p < blockedRows; p += 4)
        {
            for (int j = 0; j < wideColumns; j += 64)
            {
                Block(ref a, scalarWidth, ref b, vectorWidth, rows, p, j, ref c);
            }

            // A width such as ZINC's 145 leaves 17 columns past the 64-blocks; 16 of them still go in registers.
            for (int j = wideColumns; j < blockedColumns; j += 16)
            {
                NarrowBlock(ref a, scalarWidth, ref b, vectorWidth, rows, p, j, ref c);
            }
        }

        if (!Vector512.IsHardwareAccelerated)
        {
            RankOne(scalars, scalarWidth, vectors, vectorWidth, rows, partial);
            return;
        }

        // What the blocks leave: columns past the last 16-block (ZINC's 145 leaves one) for the blocked rows of P, and
        // rows of P past the last 4-block (145, or 7 classes) across every column. Both run in registers over the whole
        // chunk as well. A row-at-a-time rank-1 update of them had read and written P once per row of the chunk, one
        // element per call for a single left-over column, which cost more than all the blocks together.
        for (int j = blockedColumns; j < vectorWidth; j++)
        {
            LeftOverColumn(ref a, scalarWidth, ref b, vectorWidth, rows, blockedRows, j, ref c);
        }

        for (int p = blockedRows; p < scalarWidth; p++)
        {
            LeftOverRow(ref a, scalarWidth, ref b, vectorWidth, rows, p, ref c);
        }
    }

    /// <summary>Without vector hardware, the rank-1 form: P[p, :] += a[i, p] · b[i, :], row i by row i.</summary>
    private static void RankOne(ReadOnlySpan<float> scalars, int scalarWidth, ReadOnlySpan<float> vectors, int vectorWidth, int rows, Span<float> partial)
    {
        for (int i = 0; i < rows; i++)
        {
            var vectorRow = vectors.Slice(i * vectorWidth, vectorWidth);
            var scalarRow = scalars.Slice(i * scalarWidth, scalarWidth);
            for (int p = 0; p < scalarWidth; p++)
            {
                RowAccumulator.AddScaled(vectorRow, scalarRow[p], partial.Slice(p * vectorWidth, vectorWidth));
            }
        }
    }

    /// <summary>
    /// Column j of P for rows p &lt; <paramref name="pRows"/>: P[p, j] += Σ_i a[i, p] · b[i, j], vectorised over p (a row of
    /// A is contiguous in p), 64 then 16 p at a time, the rest one by one; every element's FMA chain runs over i in order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LeftOverColumn(ref float a, int lda, ref float b, int ldb, int rows, int pRows, int j, ref float c)
    {
        Span<float> lanes = stackalloc float[64];
        int p = 0;
        for (; p + 64 <= pRows; p += 64)
        {
            Gather(ref c, ldb, p, j, lanes);
            var q0 = Vector512.Create((ReadOnlySpan<float>)lanes);
            var q1 = Vector512.Create((ReadOnlySpan<float>)lanes[16..]);
            var q2 = Vector512.Create((ReadOnlySpan<float>)lanes[32..]);
            var q3 = Vector512.Create((ReadOnlySpan<float>)lanes[48..]);
            for (int i = 0; i < rows; i++)
            {
                ref float ai = ref Unsafe.Add(ref a, ((nint)i * lda) + p);
                var s = Vector512.Create(Unsafe.Add(ref b, ((nint)i * ldb) + j));
                q0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ai), s, q0);
                q1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ai, 16), s, q1);
                q2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ai, 32), s, q2);
                q3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ai, 48), s, q3);
            }

            q0.CopyTo(lanes);
            q1.CopyTo(lanes[16..]);
            q2.CopyTo(lanes[32..]);
            q3.CopyTo(lanes[48..]);
            Scatter(lanes, ref c, ldb, p, j);
        }

        for (; p + 16 <= pRows; p += 16)
        {
            Gather(ref c, ldb, p, j, lanes[..16]);
            var q = Vector512.Create((ReadOnlySpan<float>)lanes);
            for (int i = 0; i < rows; i++)
            {
                q = Vector512.FusedMultiplyAdd(
                    Vector512.LoadUnsafe(ref Unsafe.Add(ref a, ((nint)i * lda) + p)), Vector512.Create(Unsafe.Add(ref b, ((nint)i * ldb) + j)), q);
            }

            q.CopyTo(lanes);
            Scatter(lanes[..16], ref c, ldb, p, j);
        }

        for (; p < pRows; p++)
        {
            ref float target = ref Unsafe.Add(ref c, ((nint)p * ldb) + j);
            float sum = target;
            for (int i = 0; i < rows; i++)
            {
                sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref a, ((nint)i * lda) + p), Unsafe.Add(ref b, ((nint)i * ldb) + j), sum);
            }

            target = sum;
        }
    }

    /// <summary>Row p of P across all columns: 64 then 16 columns in registers, the rest one by one, each chain over i in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LeftOverRow(ref float a, int lda, ref float b, int ldb, int rows, int p, ref float c)
    {
        ref float row = ref Unsafe.Add(ref c, (nint)p * ldb);
        int j = 0;
        for (; j + 64 <= ldb; j += 64)
        {
            var q0 = Vector512.LoadUnsafe(ref row, (nuint)j);
            var q1 = Vector512.LoadUnsafe(ref row, (nuint)(j + 16));
            var q2 = Vector512.LoadUnsafe(ref row, (nuint)(j + 32));
            var q3 = Vector512.LoadUnsafe(ref row, (nuint)(j + 48));
            for (int i = 0; i < rows; i++)
            {
                ref float bi = ref Unsafe.Add(ref b, ((nint)i * ldb) + j);
                var s = Vector512.Create(Unsafe.Add(ref a, ((nint)i * lda) + p));
                q0 = Vector512.FusedMultiplyAdd(s, Vector512.LoadUnsafe(ref bi), q0);
                q1 = Vector512.FusedMultiplyAdd(s, Vector512.LoadUnsafe(ref bi, 16), q1);
                q2 = Vector512.FusedMultiplyAdd(s, Vector512.LoadUnsafe(ref bi, 32), q2);
                q3 = Vector512.FusedMultiplyAdd(s, Vector512.LoadUnsafe(ref bi, 48), q3);
            }

            q0.StoreUnsafe(ref row, (nuint)j);
            q1.StoreUnsafe(ref row, (nuint)(j + 16));
            q2.StoreUnsafe(ref row, (nuint)(j + 32));
            q3.StoreUnsafe(ref row, (nuint)(j + 48));
        }

        for (; j + 16 <= ldb; j += 16)
        {
            var q = Vector512.LoadUnsafe(ref row, (nuint)j);
            for (int i = 0; i < rows; i++)
            {
                q = Vector512.FusedMultiplyAdd(
                    Vector512.Create(Unsafe.Add(ref a, ((nint)i * lda) + p)), Vector512.LoadUnsafe(ref Unsafe.Add(ref b, ((nint)i * ldb) + j)), q);
            }

            q.StoreUnsafe(ref row, (nuint)j);
        }

        for (; j < ldb; j++)
        {
            float sum = Unsafe.Add(ref row, j);
            for (int i = 0; i < rows; i++)
            {
                sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref a, ((nint)i * lda) + p), Unsafe.Add(ref b, ((nint)i * ldb) + j), sum);
            }

            Unsafe.Add(ref row, j) = sum;
        }
    }

    /// <summary>P[p … p + n, j] (a column, stride ldb) into contiguous lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Gather(ref float c, int ldb, int p, int j, Span<float> lanes)
    {
        for (int q = 0; q < lanes.Length; q++)
        {
            lanes[q] = Unsafe.Add(ref c, ((nint)(p + q) * ldb) + j);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scatter(ReadOnlySpan<float> lanes, ref float c, int ldb, int p, int j)
    {
        for (int q = 0; q < lanes.Length; q++)
        {
            Unsafe.Add(ref c, ((nint)(p + q) * ldb) + j) = lanes[q];
        }
    }

    /// <summary>Rows p … p + 3 of P × 16 columns from j: four registers, the same per-element FMA chain as <see cref="Block"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NarrowBlock(ref float a, int lda, ref float b, int ldb, int rows, int p, int j, ref float c)
    {
        ref float c0 = ref Unsafe.Add(ref c, (p * ldb) + j);
        ref float c1 = ref Unsafe.Add(ref c0, ldb);
        ref float c2 = ref Unsafe.Add(ref c1, ldb);
        ref float c3 = ref Unsafe.Add(ref c2, ldb);
        var p0 = Vector512.LoadUnsafe(ref c0);
        var p1 = Vector512.LoadUnsafe(ref c1);
        var p2 = Vector512.LoadUnsafe(ref c2);
        var p3 = Vector512.LoadUnsafe(ref c3);
        for (int i = 0; i < rows; i++)
        {
            var bi = Vector512.LoadUnsafe(ref Unsafe.Add(ref b, ((nint)i * ldb) + j));
            ref float ai = ref Unsafe.Add(ref a, ((nint)i * lda) + p);
            p0 = Vector512.FusedMultiplyAdd(Vector512.Create(ai), bi, p0);
            p1 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref ai, 1)), bi, p1);
            p2 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref ai, 2)), bi, p2);
            p3 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref ai, 3)), bi, p3);
        }

        p0.StoreUnsafe(ref c0);
        p1.StoreUnsafe(ref c1);
        p2.StoreUnsafe(ref c2);
        p3.StoreUnsafe(ref c3);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block(ref float a, int lda, ref float b, int ldb, int rows, int p, int j, ref float c)
    {
        ref float c0 = ref Unsafe.Add(ref c, (p * ldb) + j);
        ref float c1 = ref Unsafe.Add(ref c0, ldb);
        ref float c2 = ref Unsafe.Add(ref c1, ldb);
        ref float c3 = ref Unsafe.Add(ref c2, ldb);
        var p00 = Vector512.LoadUnsafe(ref c0); var p01 = Vector512.LoadUnsafe(ref c0, 16); var p02 = Vector512.LoadUnsafe(ref c0, 32); var p03 = Vector512.LoadUnsafe(ref c0, 48);
        var p10 = Vector512.LoadUnsafe(ref c1); var p11 = Vector512.LoadUnsafe(ref c1, 16); var p12 = Vector512.LoadUnsafe(ref c1, 32); var p13 = Vector512.LoadUnsafe(ref c1, 48);
        var p20 = Vector512.LoadUnsafe(ref c2); var p21 = Vector512.LoadUnsafe(ref c2, 16); var p22 = Vector512.LoadUnsafe(ref c2, 32); var p23 = Vector512.LoadUnsafe(ref c2, 48);
        var p30 = Vector512.LoadUnsafe(ref c3); var p31 = Vector512.LoadUnsafe(ref c3, 16); var p32 = Vector512.LoadUnsafe(ref c3, 32); var p33 = Vector512.LoadUnsafe(ref c3, 48);
        for (int i = 0; i < rows; i++)
        {
            ref float bi = ref Unsafe.Add(ref b, ((nint)i * ldb) + j);
            var b0 = Vector512.LoadUnsafe(ref bi);
            var b1 = Vector512.LoadUnsafe(ref bi, 16);
            var b2 = Vector512.LoadUnsafe(ref bi, 32);
            var b3 = Vector512.LoadUnsafe(ref bi, 48);
            ref float ai = ref Unsafe.Add(ref a, ((nint)i * lda) + p);
            var s = Vector512.Create(ai);
            p00 = Vector512.FusedMultiplyAdd(s, b0, p00); p01 = Vector512.FusedMultiplyAdd(s, b1, p01); p02 = Vector512.FusedMultiplyAdd(s, b2, p02); p03 = Vector512.FusedMultiplyAdd(s, b3, p03);
            s = Vector512.Create(Unsafe.Add(ref ai, 1));
            p10 = Vector512.FusedMultiplyAdd(s, b0, p10); p11 = Vector512.FusedMultiplyAdd(s, b1, p11); p12 = Vector512.FusedMultiplyAdd(s, b2, p12); p13 = Vector512.FusedMultiplyAdd(s, b3, p13);
            s = Vector512.Create(Unsafe.Add(ref ai, 2));
            p20 = Vector512.FusedMultiplyAdd(s, b0, p20); p21 = Vector512.FusedMultiplyAdd(s, b1, p21); p22 = Vector512.FusedMultiplyAdd(s, b2, p22); p23 = Vector512.FusedMultiplyAdd(s, b3, p23);
            s = Vector512.Create(Unsafe.Add(ref ai, 3));
            p30 = Vector512.FusedMultiplyAdd(s, b0, p30); p31 = Vector512.FusedMultiplyAdd(s, b1, p31); p32 = Vector512.FusedMultiplyAdd(s, b2, p32); p33 = Vector512.FusedMultiplyAdd(s, b3, p33);
        }

        p00.StoreUnsafe(ref c0); p01.StoreUnsafe(ref c0, 16); p02.StoreUnsafe(ref c0, 32); p03.StoreUnsafe(ref c0, 48);
        p10.StoreUnsafe(ref c1); p11.StoreUnsafe(ref c1, 16); p12.StoreUnsafe(ref c1, 32); p13.StoreUnsafe(ref c1, 48);
        p20.StoreUnsafe(ref c2); p21.StoreUnsafe(ref c2, 16); p22.StoreUnsafe(ref c2, 32); p23.StoreUnsafe(ref c2, 48);
        p30.StoreUnsafe(ref c3); p31.StoreUnsafe(ref c3, 16); p32.StoreUnsafe(ref c3, 32); p33.StoreUnsafe(ref c3, 48);
    }
}
