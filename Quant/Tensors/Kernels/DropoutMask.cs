using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace A2Q.Quant.Tensors.Kernels;

/// <summary>
/// Inverted-dropout masks from a counter-based stream, 16 lanes at a time. Element i is kept when the
/// top 24 bits of SplitMix64(key ⊕ i·φ) are at least ⌈p·2²⁴⌉ (the same test as uniform(i) ≥ p). The
/// vector and scalar paths compute the same integers, so a mask never depends on where a chunk starts.
/// Branch-free: a data-dependent branch per element costs more than the hash on this hardware.
/// </summary>
internal static class DropoutMask
{
    private const ulong IndexMultiplier = 0xD1B54A32D192ED03UL;
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private const ulong Mix1 = 0xBF58476D1CE4E5B9UL;
    private const ulong Mix2 = 0x94D049BB133111EBUL;

    public static uint Threshold(float p) => (uint)Math.Ceiling(p * 16777216.0);

    /// <summary>y[i] = keep(start + i) ? x[i]·scale : 0, for i in [0, y.Length).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(ulong key, long start, uint threshold, float scale, ReadOnlySpan<float> x, Span<float> y)
    {
        int n = y.Length;
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        int i = 0;
        var vScale = Vector512.Create(scale);
        for (; i + 16 <= n; i += 16)
        {
            var keep = KeepMask16(key, start + i, threshold);
            var v = Vector512.LoadUnsafe(ref xr, (nuint)i) * vScale;
            Vector512.ConditionalSelect(keep, v, Vector512<float>.Zero).StoreUnsafe(ref yr, (nuint)i);
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref yr, i) = Keep(key, start + i, threshold) ? Unsafe.Add(ref xr, i) * scale : 0f;
        }
    }

    /// <summary>g[i] += keep(start + i) ? gy[i]·scale : 0: the backward pass regenerates the mask instead of storing it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AccumulateGradient(ulong key, long start, uint threshold, float scale, ReadOnlySpan<float> gy, Span<float> g)
    {
        int n = g.Length;
        ref float gyr = ref MemoryMarshal.GetReference(gy);
        ref float gr = ref MemoryMarshal.GetReference(g);
        int i = 0;
        var vScale = Vector512.Create(scale);
        for (; i + 16 <= n; i += 16)
        {
            var keep = KeepMask16(key, start + i, threshold);
            var v = Vector512.LoadUnsafe(ref gyr, (nuint)i) * vScale;
            (Vector512.LoadUnsafe(ref gr, (nuint)i) + Vector512.ConditionalSelect(keep, v, Vector512<float>.Zero)).StoreUnsafe(ref gr, (nuint)i);
        }

        for (; i < n; i++)
        {
            if (Keep(key, start + i, threshold))
            {
                Unsafe.Add(ref gr, i) += Unsafe.Add(ref gyr, i) * scale;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Keep(ulong key, long index, uint threshold) => Bits(key, index) >= threshold;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Bits(ulong key, long index)
    {
        ulong z = (key ^ ((ulong)index * IndexMultiplier)) + Golden;
        z = (z ^ (z >> 30)) * Mix1;
        z = (z ^ (z >> 27)) * Mix2;
        z ^= z >> 31;
        return (uint)(z >> 40);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> KeepMask16(ulong key, long start, uint threshold)
    {
        var lanes = Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7);
        var low = Hash(key, Vector512.Create((ulong)start) + lanes);
        var high = Hash(key, Vector512.Create((ulong)start + 8) + lanes);
        var bits = Vector512.Narrow(low, high);
        return Vector512.GreaterThanOrEqual(bits, Vector512.Create(threshold)).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Hash(ulong key, Vector512<ulong> index)
    {
        var z = (Vector512.Create(key) ^ (index * Vector512.Create(IndexMultiplier))) + Vector512.Create(Golden);
        z = (z ^ Vector512.ShiftRightLogical(z, 30)) * Vector512.Create(Mix1);
        z = (z ^ Vector512.ShiftRightLogical(z, 27)) * Vector512.Create(Mix2);
        z ^= Vector512.ShiftRightLogical(z, 31);
        return Vector512.ShiftRightLogical(z, 40);
    }
}
