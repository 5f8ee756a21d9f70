using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace A2Q.Quant.Tensors.Kernels;

/// <summary>
/// The inner loop shared by dense and sparse products: one output row is a weighted sum of rows of a
/// row-major matrix, <c>c = Σ_t w[t] · B[rows[t], :]</c>. Columns are taken 64 at a time in four
/// Vector512 accumulators that stay in registers for the whole sum, then 16 and 8 at a time, then one by one.
/// </summary>
internal static class RowAccumulator
{
    /// <param name="rows">row of B for each term; null means term t uses row t</param>
    /// <param name="weights">weight of each term; null means every weight is 1</param>
    /// <param name="termCount">number of terms</param>
    /// <param name="b">B's first element</param>
    /// <param name="ldb">B's row stride</param>
    /// <param name="c">the output row (n = c.Length columns, starting at B column 0)</param>
    /// <param name="accumulate">add to c instead of overwriting it</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WeightedRowSum(
        ReadOnlySpan<int> rows, ReadOnlySpan<float> weights, bool unitWeights, bool identityRows, int termCount,
        ref float b, int ldb, Span<float> c, bool accumulate)
    {
        int n = c.Length;
        ref float cRef = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(c);
        int j = 0;
        for (; j + 64 <= n; j += 64)
        {
            var a0 = Vector512<float>.Zero;
            var a1 = Vector512<float>.Zero;
            var a2 = Vector512<float>.Zero;
            var a3 = Vector512<float>.Zero;
            for (int t = 0; t < termCount; t++)
            {
                int row = identityRows ? t : rows[t];
                ref float src = ref Unsafe.Add(ref b, ((nint)row * ldb) + j);
                if (unitWeights)
                {
                    a0 += Vector512.LoadUnsafe(ref src);
                    a1 += Vector512.LoadUnsafe(ref src, 16);
                    a2 += Vector512.LoadUnsafe(ref src, 32);
                    a3 += Vector512.LoadUnsafe(ref src, 48);
                }
                else
                {
                    var w = Vector512.Create(weights[t]);
                    a0 = Vector512.FusedMultiplyAdd(w, Vector512.LoadUnsafe(ref src), a0);
                    a1 = Vector512.FusedMultiplyAdd(w, Vector512.LoadUnsafe(ref src, 16), a1);
                    a2 = Vector512.FusedMultiplyAdd(w, Vector512.LoadUnsafe(ref src, 32), a2);
                    a3 = Vector512.FusedMultiplyAdd(w, Vector512.LoadUnsafe(ref src, 48), a3);
                }
            }

            ref float dst = ref Unsafe.Add(ref cRef, j);
            if (accumulate)
            {
                a0 += Vector512.LoadUnsafe(ref dst);
                a1 += Vector512.LoadUnsafe(ref dst, 16);
                a2 += Vector512.LoadUnsafe(ref dst, 32);
                a3 += Vector512.LoadUnsafe(ref dst, 48);
            }

            a0.StoreUnsafe(ref dst);
            a1.StoreUnsafe(ref dst, 16);
            a2.StoreUnsafe(ref dst, 32);
            a3.StoreUnsafe(ref dst, 48);
        }

        for (; j + 16 <= n; j += 16)
        {
            var a0 = Vector512<float>.Zero;
            for (int t = 0; t < termCount; t++)
            {
                int row = identityRows ? t : rows[t];
                ref float src = ref Unsafe.Add(ref b, ((nint)row * ldb) + j);
                a0 = unitWeights
                    ? a0 + Vector512.LoadUnsafe(ref src)
                    : Vector512.FusedMultiplyAdd(Vector512.Create(weights[t]), Vector512.LoadUnsafe(ref src), a0);
            }

            ref float dst = ref Unsafe.Add(ref cRef, j);
            if (accumulate)
            {
                a0 += Vector512.LoadUnsafe(ref dst);
            }

            a0.StoreUnsafe(ref dst);
        }

        for (; j + 8 <= n; j += 8)
        {
            var a0 = Vector256<float>.Zero;
            for (int t = 0; t < termCount; t++)
            {
                int row = identityRows ? t : rows[t];
                ref float src = ref Unsafe.Add(ref b, ((nint)row * ldb) + j);
                a0 = unitWeights
                    ? a0 + Vector256.LoadUnsafe(ref src)
                    : Vector256.FusedMultiplyAdd(Vector256.Create(weights[t]), Vector256.LoadUnsafe(ref src), a0);
            }

            ref float dst = ref Unsafe.Add(ref cRef, j);
            if (accumulate)
            {
                a0 += Vector256.LoadUnsafe(ref dst);
            }

            a0.StoreUnsafe(ref dst);
        }

        for (; j < n; j++)
        {
            float sum = 0f;
            for (int t = 0; t < termCount; t++)
            {
                int row = identityRows ? t : rows[t];
                float v = Unsafe.Add(ref b, ((nint)row * ldb) + j);
                sum = unitWeights ? sum + v : MathF.FusedMultiplyAdd(weights[t], v, sum);
            }

            ref float dst = ref Unsafe.Add(ref cRef, j);
            dst = accumulate ? dst + sum : sum;
        }
    }

    /// <summary>
    /// Four consecutive rows of a dense product C = A·B at once (rows <paramref name="a"/> … + 3): each B vector is
    /// loaded once for four rows instead of once per row, which a B too large for L1 (144 × 144 floats) made the
    /// bound. B's rows are <paramref name="ldb"/> floats apart, ldb a multiple of 16 that is at least n, so the last
    /// partial vector of a width such as ZINC's 145 is computed in lanes like the others (the padding lanes are
    /// computed and dropped) instead of by a scalar FMA chain per row, which cost as much as the 144 vector columns.
    /// Every element is the same FMA chain over t = 0 … k − 1 as <see cref="WeightedRowSum"/> computes for it (lanes
    /// are independent and the chain does not depend on the block width), so the results are bit-identical.
    /// </summary>
    /// <remarks>
    /// Only columns <paramref name="from"/> … <paramref name="to"/> − 1 (both multiples of 16) are computed: a caller
    /// that sweeps many rows over one column strip keeps that strip of B (k × 64 floats) in L1.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FourRows(ref float a, int k, ref float b, int ldb, ref float c, int n, int from, int to, bool accumulate)
    {
        int j = from;
        for (; j + 64 <= to; j += 64)
        {
            Vector512<float> r00 = default, r01 = default, r02 = default, r03 = default;
            Vector512<float> r10 = default, r11 = default, r12 = default, r13 = default;
            Vector512<float> r20 = default, r21 = default, r22 = default, r23 = default;
            Vector512<float> r30 = default, r31 = default, r32 = default, r33 = default;
            for (int t = 0; t < k; t++)
            {
                ref float src = ref Unsafe.Add(ref b, ((nint)t * ldb) + j);
                var b0 = Vector512.LoadUnsafe(ref src);
                var b1 = Vector512.LoadUnsafe(ref src, 16);
                var b2 = Vector512.LoadUnsafe(ref src, 32);
                var b3 = Vector512.LoadUnsafe(ref src, 48);
                var w = Vector512.Create(Unsafe.Add(ref a, t));
                r00 = Vector512.FusedMultiplyAdd(w, b0, r00);
                r01 = Vector512.FusedMultiplyAdd(w, b1, r01);
                r02 = Vector512.FusedMultiplyAdd(w, b2, r02);
                r03 = Vector512.FusedMultiplyAdd(w, b3, r03);
                w = Vector512.Create(Unsafe.Add(ref a, k + t));
                r10 = Vector512.FusedMultiplyAdd(w, b0, r10);
                r11 = Vector512.FusedMultiplyAdd(w, b1, r11);
                r12 = Vector512.FusedMultiplyAdd(w, b2, r12);
                r13 = Vector512.FusedMultiplyAdd(w, b3, r13);
                w = Vector512.Create(Unsafe.Add(ref a, (2 * k) + t));
                r20 = Vector512.FusedMultiplyAdd(w, b0, r20);
                r21 = Vector512.FusedMultiplyAdd(w, b1, r21);
                r22 = Vector512.FusedMultiplyAdd(w, b2, r22);
                r23 = Vector512.FusedMultiplyAdd(w, b3, r23);
                w = Vector512.Create(Unsafe.Add(ref a, (3 * k) + t));
                r30 = Vector512.FusedMultiplyAdd(w, b0, r30);
                r31 = Vector512.FusedMultiplyAdd(w, b1, r31);
                r32 = Vector512.FusedMultiplyAdd(w, b2, r32);
                r33 = Vector512.FusedMultiplyAdd(w, b3, r33);
            }

            Store(ref c, j, n, r00, accumulate);
            Store(ref c, j + 16, n, r01, accumulate);
            Store(ref c, j + 32, n, r02, accumulate);
            Store(ref c, j + 48, n, r03, accumulate);
            Store(ref Unsafe.Add(ref c, n), j, n, r10, accumulate);
            Store(ref Unsafe.Add(ref c, n), j + 16, n, r11, accumulate);
            Store(ref Unsafe.Add(ref c, n), j + 32, n, r12, accumulate);
            Store(ref Unsafe.Add(ref c, n), j + 48, n, r13, accumulate);
            Store(ref Unsafe.Add(ref c, 2 * n), j, n, r20, accumulate);
            Store(ref Unsafe.Add(ref c, 2 * n), j + 16, n, r21, accumulate);
            Store(ref Unsafe.Add(ref c, 2 * n), j + 32, n, r22, accumulate);
            Store(ref Unsafe.Add(ref c, 2 * n), j + 48, n, r23, accumulate);
            Store(ref Unsafe.Add(ref c, 3 * n), j, n, r30, accumulate);
            Store(ref Unsafe.Add(ref c, 3 * n), j + 16, n, r31, accumulate);
            Store(ref Unsafe.Add(ref c, 3 * n), j + 32, n, r32, accumulate);
            Store(ref Unsafe.Add(ref c, 3 * n), j + 48, n, r33, accumulate);
        }

        for (; j + 32 <= to; j += 32)
        {
            Vector512<float> r00 = default, r01 = default, r10 = default, r11 = default;
            Vector512<float> r20 = default, r21 = default, r30 = default, r31 = default;
            for (int t = 0; t < k; t++)
            {
                ref float src = ref Unsafe.Add(ref b, ((nint)t * ldb) + j);
                var b0 = Vector512.LoadUnsafe(ref src);
                var b1 = Vector512.LoadUnsafe(ref src, 16);
                var w0 = Vector512.Create(Unsafe.Add(ref a, t));
                var w1 = Vector512.Create(Unsafe.Add(ref a, k + t));
                var w2 = Vector512.Create(Unsafe.Add(ref a, (2 * k) + t));
                var w3 = Vector512.Create(Unsafe.Add(ref a, (3 * k) + t));
                r00 = Vector512.FusedMultiplyAdd(w0, b0, r00);
                r01 = Vector512.FusedMultiplyAdd(w0, b1, r01);
                r10 = Vector512.FusedMultiplyAdd(w1, b0, r10);
                r11 = Vector512.FusedMultiplyAdd(w1, b1, r11);
                r20 = Vector512.FusedMultiplyAdd(w2, b0, r20);
                r21 = Vector512.FusedMultiplyAdd(w2, b1, r21);
                r30 = Vector512.FusedMultiplyAdd(w3, b0, r30);
                r31 = Vector512.FusedMultiplyAdd(w3, b1, r31);
            }

            Store(ref c, j, n, r00, accumulate);
            Store(ref c, j + 16, n, r01, accumulate);
            Store(ref Unsafe.Add(ref c, n), j, n, r10, accumulate);
            Store(ref Unsafe.Add(ref c, n), j + 16, n, r11, accumulate);
            Store(ref Unsafe.Add(ref c, 2 * n), j, n, r20, accumulate);
            Store(ref Unsafe.Add(ref c, 2 * n), j + 16, n, r21, accumulate);
            Store(ref Unsafe.Add(ref c, 3 * n), j, n, r30, accumulate);
            Store(ref Unsafe.Add(ref c, 3 * n), j + 16, n, r31, accumulate);
        }

        for (; j + 16 <= to; j += 16)
        {
            Vector512<float> r0 = default, r1 = default, r2 = default, r3 = default;
            for (int t = 0; t < k; t++)
            {
                var b0 = Vector512.LoadUnsafe(ref Unsafe.Add(ref b, ((nint)t * ldb) + j));
                r0 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref a, t)), b0, r0);
                r1 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref a, k + t)), b0, r1);
                r2 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref a, (2 * k) + t)), b0, r2);
                r3 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref a, (3 * k) + t)), b0, r3);
            }

            Store(ref c, j, n, r0, accumulate);
            Store(ref Unsafe.Add(ref c, n), j, n, r1, accumulate);
            Store(ref Unsafe.Add(ref c, 2 * n), j, n, r2, accumulate);
            Store(ref Unsafe.Add(ref c, 3 * n), j, n, r3, accumulate);
        }
    }

    /// <summary>
    /// Stores columns j … j + 15 of one output row, or only those below <paramref name="n"/> (the lanes past the
    /// row's end belong to B's padding), adding what is there when asked (as <see cref="WeightedRowSum"/> does).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref float row, int j, int n, Vector512<float> sum, bool accumulate)
    {
        if (j + 16 <= n)
        {
            Store(ref Unsafe.Add(ref row, j), sum, accumulate);
            return;
        }

        for (int lane = 0; j + lane < n; lane++)
        {
            ref float destination = ref Unsafe.Add(ref row, j + lane);
            destination = accumulate ? destination + sum.GetElement(lane) : sum.GetElement(lane);
        }
    }

    /// <summary>Stores a finished accumulator, adding what is there when asked (as <see cref="WeightedRowSum"/> does).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref float destination, Vector512<float> sum, bool accumulate) =>
        (accumulate ? sum + Vector512.LoadUnsafe(ref destination) : sum).StoreUnsafe(ref destination);

    /// <summary><c>y += alpha · x</c>, vectorised; the building block of outer-product accumulation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled(ReadOnlySpan<float> x, float alpha, Span<float> y)
    {
        int n = y.Length;
        ref float xr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(x);
        ref float yr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(y);
        int j = 0;
        var a = Vector512.Create(alpha);
        for (; j + 16 <= n; j += 16)
        {
            Vector512.FusedMultiplyAdd(a, Vector512.LoadUnsafe(ref xr, (nuint)j), Vector512.LoadUnsafe(ref yr, (nuint)j))
                .StoreUnsafe(ref yr, (nuint)j);
        }

        if (j + 8 <= n)
        {
            Vector256.FusedMultiplyAdd(Vector256.Create(alpha), Vector256.LoadUnsafe(ref xr, (nuint)j), Vector256.LoadUnsafe(ref yr, (nuint)j))
                .StoreUnsafe(ref yr, (nuint)j);
            j += 8;
        }

        for (; j < n; j++)
        {
            Unsafe.Add(ref yr, j) = MathF.FusedMultiplyAdd(alpha, Unsafe.Add(ref xr, j), Unsafe.Add(ref yr, j));
        }
    }

    /// <summary>Dot product with a fixed summation order (the same for any thread count).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        int n = x.Length;
        ref float xr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(x);
        ref float yr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(y);
        int j = 0;
        float sum = 0f;
        if (n >= 16)
        {
            var acc = Vector512<float>.Zero;
            for (; j + 16 <= n; j += 16)
            {
                acc = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref xr, (nuint)j), Vector512.LoadUnsafe(ref yr, (nuint)j), acc);
            }

            sum = Vector512.Sum(acc);
        }

        if (j + 8 <= n)
        {
            sum += Vector256.Sum(Vector256.LoadUnsafe(ref xr, (nuint)j) * Vector256.LoadUnsafe(ref yr, (nuint)j));
            j += 8;
        }

        for (; j < n; j++)
        {
            sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref xr, j), Unsafe.Add(ref yr, j), sum);
        }

        return sum;
    }
}
