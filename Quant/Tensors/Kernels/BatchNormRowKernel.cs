using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace A2Q.Quant.Tensors.Kernels;

/// <summary>
/// BatchNorm's per-row arithmetic in one pass over a row. Graph mini-batches make its tensors larger than L2
/// (ZINC: 5,900 nodes × 145 features), so the four or six separate span operations the formulas read as each
/// streamed the row from memory again. Every element sees the same operations in the same order as the formula
/// written out (separate multiplies and adds, never a fused multiply-add), so results are bit-identical to it.
/// </summary>
internal static class BatchNormRowKernel
{
    /// <summary>x̂ = (x − μ)·invStd and y = x̂·γ + β for one row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Normalize(
        ReadOnlySpan<float> x, ReadOnlySpan<float> mean, ReadOnlySpan<float> invStd, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        Span<float> normalized, Span<float> y)
    {
        int f = x.Length;
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float mr = ref MemoryMarshal.GetReference(mean);
        ref float sr = ref MemoryMarshal.GetReference(invStd);
        ref float gr = ref MemoryMarshal.GetReference(gamma);
        ref float br = ref MemoryMarshal.GetReference(beta);
        ref float nr = ref MemoryMarshal.GetReference(normalized);
        ref float yr = ref MemoryMarshal.GetReference(y);
        int j = 0;
        for (; j + 16 <= f; j += 16)
        {
            var n = (Vector512.LoadUnsafe(ref xr, (nuint)j) - Vector512.LoadUnsafe(ref mr, (nuint)j)) * Vector512.LoadUnsafe(ref sr, (nuint)j);
            n.StoreUnsafe(ref nr, (nuint)j);
            ((n * Vector512.LoadUnsafe(ref gr, (nuint)j)) + Vector512.LoadUnsafe(ref br, (nuint)j)).StoreUnsafe(ref yr, (nuint)j);
        }

        for (; j < f; j++)
        {
            float n = (Unsafe.Add(ref xr, j) - Unsafe.Add(ref mr, j)) * Unsafe.Add(ref sr, j);
            Unsafe.Add(ref nr, j) = n;
            Unsafe.Add(ref yr, j) = (n * Unsafe.Add(ref gr, j)) + Unsafe.Add(ref br, j);
        }
    }

    /// <summary>sums[j] += (x[j] − μ[j])² for one row (the second pass of the two-pass variance).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddSquaredDeviations(ReadOnlySpan<float> x, ReadOnlySpan<float> mean, Span<float> sums)
    {
        int f = x.Length;
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float mr = ref MemoryMarshal.GetReference(mean);
        ref float sr = ref MemoryMarshal.GetReference(sums);
        int j = 0;
        for (; j + 16 <= f; j += 16)
        {
            var d = Vector512.LoadUnsafe(ref xr, (nuint)j) - Vector512.LoadUnsafe(ref mr, (nuint)j);
            (Vector512.LoadUnsafe(ref sr, (nuint)j) + (d * d)).StoreUnsafe(ref sr, (nuint)j);
        }

        for (; j < f; j++)
        {
            float d = Unsafe.Add(ref xr, j) - Unsafe.Add(ref mr, j);
            Unsafe.Add(ref sr, j) += d * d;
        }
    }

    /// <summary>
    /// gx += ((dy − centre) − x̂·slope / n)·coefficient for one row: the input gradient of a training-mode
    /// BatchNorm (centre = mean(dy), slope = Σ dy·x̂, coefficient = γ·invStd; centre and slope 0 in evaluation).
    /// With <paramref name="fresh"/> gx holds nothing yet and gets 0 + the term.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddInputGradient(
        ReadOnlySpan<float> dy, ReadOnlySpan<float> normalized, ReadOnlySpan<float> centre, ReadOnlySpan<float> slope,
        ReadOnlySpan<float> coefficient, float n, Span<float> gx, bool fresh = false)
    {
        int f = dy.Length;
        ref float dr = ref MemoryMarshal.GetReference(dy);
        ref float nr = ref MemoryMarshal.GetReference(normalized);
        ref float cr = ref MemoryMarshal.GetReference(centre);
        ref float sr = ref MemoryMarshal.GetReference(slope);
        ref float kr = ref MemoryMarshal.GetReference(coefficient);
        ref float gr = ref MemoryMarshal.GetReference(gx);
        var count = Vector512.Create(n);
        int j = 0;
        for (; j + 16 <= f; j += 16)
        {
            var row = Vector512.LoadUnsafe(ref dr, (nuint)j) - Vector512.LoadUnsafe(ref cr, (nuint)j);
            var term = (Vector512.LoadUnsafe(ref nr, (nuint)j) * Vector512.LoadUnsafe(ref sr, (nuint)j)) / count;
            var g = (row - term) * Vector512.LoadUnsafe(ref kr, (nuint)j);
            ((fresh ? Vector512<float>.Zero : Vector512.LoadUnsafe(ref gr, (nuint)j)) + g).StoreUnsafe(ref gr, (nuint)j);
        }

        for (; j < f; j++)
        {
            float row = Unsafe.Add(ref dr, j) - Unsafe.Add(ref cr, j);
            float term = (Unsafe.Add(ref nr, j) * Unsafe.Add(ref sr, j)) / n;
            ref float destination = ref Unsafe.Add(ref gr, j);
            destination = (fresh ? 0f : destination) + ((row - term) * Unsafe.Add(ref kr, j));
        }
    }
}
