using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace A2Q.Quant.Tensors.Kernels;

/// <summary>
/// Branch-free vector loops for the piecewise activations and their gradients (a branch on the sign of
/// random data mispredicts half the time).
/// </summary>
internal static class Activations
{
    /// <summary>g += (x &gt; 0 ? 1 : slope) · gy; slope 0 is ReLU's gradient.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    /// <param name="fresh">g holds no gradient yet (not even zeros): write 0 + contribution</param>
    public static void AccumulatePiecewiseLinearGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> gy, Span<float> g, float negativeSlope, bool fresh = false)
    {
        int n = g.Length;
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float gyr = ref MemoryMarshal.GetReference(gy);
        ref float gr = ref MemoryMarshal.GetReference(g);
        var slope = Vector512.Create(negativeSlope);
        int i = 0;
        for (; i + 16 <= n; i += 16)
        {
            var positive = Vector512.GreaterThan(Vector512.LoadUnsafe(ref xr, (nuint)i), Vector512<float>.Zero);
            var d = Vector512.LoadUnsafe(ref gyr, (nuint)i);
            var contribution = Vector512.ConditionalSelect(positive, d, d * slope);
            var before = fresh ? Vector512<float>.Zero : Vector512.LoadUnsafe(ref gr, (nuint)i);
            (before + contribution).StoreUnsafe(ref gr, (nuint)i);
        }

        for (; i < n; i++)
        {
            float d = Unsafe.Add(ref gyr, i);
            ref float destination = ref Unsafe.Add(ref gr, i);
            destination = (fresh ? 0f : destination) + (Unsafe.Add(ref xr, i) > 0f ? d : negativeSlope * d);
        }
    }

    /// <summary>y = x &gt; 0 ? x : slope·x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LeakyRelu(ReadOnlySpan<float> x, Span<float> y, float negativeSlope)
    {
        int n = y.Length;
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        var slope = Vector512.Create(negativeSlope);
        int i = 0;
        for (; i + 16 <= n; i += 16)
        {
            var v = Vector512.LoadUnsafe(ref xr, (nuint)i);
            Vector512.ConditionalSelect(Vector512.GreaterThan(v, Vector512<float>.Zero), v, v * slope).StoreUnsafe(ref yr, (nuint)i);
        }

        for (; i < n; i++)
        {
            float v = Unsafe.Add(ref xr, i);
            Unsafe.Add(ref yr, i) = v > 0f ? v : negativeSlope * v;
        }
    }

    /// <summary>y = x &gt; 0 ? x : expm1Part, where <paramref name="y"/> already holds α(eˣ − 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SelectPositive(ReadOnlySpan<float> x, Span<float> y)
    {
        int n = y.Length;
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        int i = 0;
        for (; i + 16 <= n; i += 16)
        {
            var v = Vector512.LoadUnsafe(ref xr, (nuint)i);
            Vector512.ConditionalSelect(Vector512.GreaterThan(v, Vector512<float>.Zero), v, Vector512.LoadUnsafe(ref yr, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
        }

        for (; i < n; i++)
        {
            float v = Unsafe.Add(ref xr, i);
            if (v > 0f)
            {
                Unsafe.Add(ref yr, i) = v;
            }
        }
    }

    /// <summary>ELU gradient: g += gy · (x &gt; 0 ? 1 : y + α).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AccumulateEluGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> gy, Span<float> g, float alpha)
    {
        int n = g.Length;
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        ref float gyr = ref MemoryMarshal.GetReference(gy);
        ref float gr = ref MemoryMarshal.GetReference(g);
        var a = Vector512.Create(alpha);
        int i = 0;
        for (; i + 16 <= n; i += 16)
        {
            var positive = Vector512.GreaterThan(Vector512.LoadUnsafe(ref xr, (nuint)i), Vector512<float>.Zero);
            var slope = Vector512.ConditionalSelect(positive, Vector512<float>.One, Vector512.LoadUnsafe(ref yr, (nuint)i) + a);
            Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref gyr, (nuint)i), slope, Vector512.LoadUnsafe(ref gr, (nuint)i)).StoreUnsafe(ref gr, (nuint)i);
        }

        for (; i < n; i++)
        {
            float slope = Unsafe.Add(ref xr, i) > 0f ? 1f : Unsafe.Add(ref yr, i) + alpha;
            Unsafe.Add(ref gr, i) = MathF.FusedMultiplyAdd(Unsafe.Add(ref gyr, i), slope, Unsafe.Add(ref gr, i));
        }
    }
}
