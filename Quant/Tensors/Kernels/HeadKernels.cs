using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace A2Q.Quant.Tensors.Kernels;

/// <summary>
/// Inner loops of multi-head attention on rows laid out as H heads × C channels. The common GAT shape,
/// 8 heads × 8 channels (one 64-float row, four Vector512), gets register kernels: a pair of heads shares
/// one vector, per-head weights are broadcast in pairs, and per-head sums come from one horizontal-add
/// tree. Other shapes take the generic loops. Both paths sum in a fixed order.
/// </summary>
internal static class HeadKernels
{
    /// <summary>True when the 8 × 8 register kernels apply.</summary>
    public static bool IsEightByEight(int heads, int channels) => heads == 8 && channels == 8 && Avx.IsSupported;

    /// <summary>out[h·C + c] += w[h] · z[h·C + c] for every head.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddHeadScaled(ReadOnlySpan<float> weights, ReadOnlySpan<float> z, Span<float> output, int heads, int channels)
    {
        if (IsEightByEight(heads, channels))
        {
            ref float zr = ref MemoryMarshal.GetReference(z);
            ref float or = ref MemoryMarshal.GetReference(output);
            ref float wr = ref MemoryMarshal.GetReference(weights);
            for (int k = 0; k < 4; k++)
            {
                var w = Vector512.Create(Vector256.Create(Unsafe.Add(ref wr, 2 * k)), Vector256.Create(Unsafe.Add(ref wr, (2 * k) + 1)));
                Vector512.FusedMultiplyAdd(w, Vector512.LoadUnsafe(ref zr, (nuint)(16 * k)), Vector512.LoadUnsafe(ref or, (nuint)(16 * k)))
                    .StoreUnsafe(ref or, (nuint)(16 * k));
            }

            return;
        }

        for (int h = 0; h < heads; h++)
        {
            RowAccumulator.AddScaled(z.Slice(h * channels, channels), weights[h], output.Slice(h * channels, channels));
        }
    }

    /// <summary>result[h] = Σ_c a[h·C + c] · b[h·C + c] (per-head inner products), written or added.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void HeadDots(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> result, int heads, int channels, bool accumulate)
    {
        if (IsEightByEight(heads, channels))
        {
            ref float ar = ref MemoryMarshal.GetReference(a);
            ref float br = ref MemoryMarshal.GetReference(b);
            var p0 = Vector512.LoadUnsafe(ref ar) * Vector512.LoadUnsafe(ref br);
            var p1 = Vector512.LoadUnsafe(ref ar, 16) * Vector512.LoadUnsafe(ref br, 16);
            var p2 = Vector512.LoadUnsafe(ref ar, 32) * Vector512.LoadUnsafe(ref br, 32);
            var p3 = Vector512.LoadUnsafe(ref ar, 48) * Vector512.LoadUnsafe(ref br, 48);
            var sums = EightRowSums(p0.GetLower(), p0.GetUpper(), p1.GetLower(), p1.GetUpper(), p2.GetLower(), p2.GetUpper(), p3.GetLower(), p3.GetUpper());
            ref float rr = ref MemoryMarshal.GetReference(result);
            if (accumulate)
            {
                sums += Vector256.LoadUnsafe(ref rr);
            }

            sums.StoreUnsafe(ref rr);
            return;
        }

        for (int h = 0; h < heads; h++)
        {
            float v = RowAccumulator.Dot(a.Slice(h * channels, channels), b.Slice(h * channels, channels));
            result[h] = accumulate ? result[h] + v : v;
        }
    }

    /// <summary>The sums of eight 8-float rows, [Σr0, …, Σr7], by a horizontal-add tree.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> EightRowSums(
        Vector256<float> r0, Vector256<float> r1, Vector256<float> r2, Vector256<float> r3,
        Vector256<float> r4, Vector256<float> r5, Vector256<float> r6, Vector256<float> r7)
    {
        var t0 = Avx.HorizontalAdd(r0, r1);
        var t1 = Avx.HorizontalAdd(r2, r3);
        var t2 = Avx.HorizontalAdd(r4, r5);
        var t3 = Avx.HorizontalAdd(r6, r7);
        var u0 = Avx.HorizontalAdd(t0, t1);
        var u1 = Avx.HorizontalAdd(t2, t3);
        return Avx.Permute2x128(u0, u1, 0x20) + Avx.Permute2x128(u0, u1, 0x31);
    }
}
