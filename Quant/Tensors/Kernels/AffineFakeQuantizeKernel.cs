using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace A2Q.Quant.Tensors.Kernels;

/// <summary>
/// Degree-Quant's per-tensor affine fake quantization (see Functional.FakeQuantizeAffine for the formulas), 16
/// lanes at a time. Every lane evaluates the scalar expressions in the same order without fused multiply-adds,
/// Vector512.Round rounds half to even as MathF.Round(·, ToEven) does, and the clamp and the skipped gradient
/// are selects rather than min/max or a masked add (which would turn a −0 into +0), so the results are the
/// scalar loop's bit for bit.
/// </summary>
internal static class AffineFakeQuantizeKernel
{
    /// <summary>y = (clamp(round(x/scale + zp), q_min, q_max) − zp)·scale.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(ReadOnlySpan<float> x, Span<float> y, float inverseScale, float scale, float zeroPoint, float qmin, float qmax)
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        var inverse = Vector512.Create(inverseScale);
        var s = Vector512.Create(scale);
        var zp = Vector512.Create(zeroPoint);
        var low = Vector512.Create(qmin);
        var high = Vector512.Create(qmax);
        int i = 0;
        for (; i + 16 <= x.Length; i += 16)
        {
            var level = Level(Vector512.LoadUnsafe(ref xr, (nuint)i), inverse, zp);
            level = Vector512.ConditionalSelect(Vector512.LessThan(level, low), low, level);
            level = Vector512.ConditionalSelect(Vector512.GreaterThan(level, high), high, level);
            ((level - zp) * s).StoreUnsafe(ref yr, (nuint)i);
        }

        for (; i < x.Length; i++)
        {
            float level = Math.Clamp(Level(Unsafe.Add(ref xr, i), inverseScale, zeroPoint), qmin, qmax);
            Unsafe.Add(ref yr, i) = (level - zeroPoint) * scale;
        }
    }

    /// <summary>
    /// g += gy, except (with gradient clipping) where the unclamped level round(x/scale + zp) is ≥ q_max or ≤ q_min.
    /// With <paramref name="fresh"/> g holds no gradient yet and is not read: it gets what g = 0 would have given,
    /// 0 + gy where the gradient passes and +0 where it is clipped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> gy, Span<float> g, float inverseScale, float zeroPoint, float qmin, float qmax, bool clip, bool fresh = false)
    {
        ref float gyr = ref MemoryMarshal.GetReference(gy);
        ref float gr = ref MemoryMarshal.GetReference(g);
        if (!clip)
        {
            if (fresh)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(gy, 0f, g);
            }
            else
            {
                System.Numerics.Tensors.TensorPrimitives.Add(g, gy, g);
            }

            return;
        }

        ref float xr = ref MemoryMarshal.GetReference(x);
        var inverse = Vector512.Create(inverseScale);
        var zp = Vector512.Create(zeroPoint);
        var low = Vector512.Create(qmin);
        var high = Vector512.Create(qmax);
        int i = 0;
        for (; i + 16 <= g.Length; i += 16)
        {
            var level = Level(Vector512.LoadUnsafe(ref xr, (nuint)i), inverse, zp);
            var clipped = Vector512.GreaterThanOrEqual(level, high) | Vector512.LessThanOrEqual(level, low);
            var current = fresh ? Vector512<float>.Zero : Vector512.LoadUnsafe(ref gr, (nuint)i);
            Vector512.ConditionalSelect(clipped, current, current + Vector512.LoadUnsafe(ref gyr, (nuint)i)).StoreUnsafe(ref gr, (nuint)i);
        }

        for (; i < g.Length; i++)
        {
            float level = Level(Unsafe.Add(ref xr, i), inverseScale, zeroPoint);
            float current = fresh ? 0f : Unsafe.Add(ref gr, i);
            Unsafe.Add(ref gr, i) = level >= qmax || level <= qmin ? current : current + Unsafe.Add(ref gyr, i);
        }
    }

    /// <summary>The unclamped level round(x/scale + zp), half to even, without a fused multiply-add.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Level(Vector512<float> x, Vector512<float> inverseScale, Vector512<float> zeroPoint) =>
        Vector512.Round((x * inverseScale) + zeroPoint);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Level(float x, float inverseScale, float zeroPoint) =>
        MathF.Round((x * inverseScale) + zeroPoint, MidpointRounding.ToEven);
}
