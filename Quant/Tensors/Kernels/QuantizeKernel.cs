using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace A2Q.Quant.Tensors.Kernels;

/// <summary>
/// The A²Q quantizer's elementwise work, 16 lanes at a time (see Functional.Quantize for the formulas).
/// A group shares (s, q_max): a whole row for per-node quantizers, one column for per-unit ones. The
/// scalar tail evaluates the same expressions, so a value never depends on its lane. Where nothing is summed across
/// lanes, the last partial block runs as one masked vector instead (AVX-512 masked loads and stores touch only the
/// row's own elements): a row of a sparse input is ~90 entries, and its scalar tail had cost as much as its vectors.
/// </summary>
internal static class QuantizeKernel
{
    private const float Ln2 = 0.6931471805599453f;

    /// <summary>y = s·sign(x)·⌊|clamp(x/s)| + ½⌋ with one (s, q_max) for the whole span.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void ForwardRow(ReadOnlySpan<float> x, Span<float> y, float step, float qmax)
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        var s = Vector512.Create(step);
        var q = Vector512.Create(qmax);
        int i = 0;
        for (; i + 16 <= x.Length; i += 16)
        {
            var xv = Vector512.LoadUnsafe(ref xr, (nuint)i);
            (s * Level(xv, s, q)).StoreUnsafe(ref yr, (nuint)i);
        }

        if (i < x.Length && Avx512F.IsSupported)
        {
            var mask = TailMask(x.Length - i);
            fixed (float* xp = x, yp = y)
            {
                var xv = Avx512F.MaskLoad(xp + i, mask, Vector512<float>.Zero);
                Avx512F.MaskStore(yp + i, mask, s * Level(xv, s, q));
            }

            return;
        }

        for (; i < x.Length; i++)
        {
            float xv = Unsafe.Add(ref xr, i);
            Unsafe.Add(ref yr, i) = step * Level(xv, step, qmax);
        }
    }

    /// <summary>Row of a per-column quantizer: element j uses (steps[j], qmax[j]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ForwardColumns(ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<float> steps, ReadOnlySpan<float> qmax)
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        ref float sr = ref MemoryMarshal.GetReference(steps);
        ref float qr = ref MemoryMarshal.GetReference(qmax);
        int i = 0;
        for (; i + 16 <= x.Length; i += 16)
        {
            var s = Vector512.LoadUnsafe(ref sr, (nuint)i);
            (s * Level(Vector512.LoadUnsafe(ref xr, (nuint)i), s, Vector512.LoadUnsafe(ref qr, (nuint)i))).StoreUnsafe(ref yr, (nuint)i);
        }

        for (; i < x.Length; i++)
        {
            float s = Unsafe.Add(ref sr, i);
            Unsafe.Add(ref yr, i) = s * Level(Unsafe.Add(ref xr, i), s, Unsafe.Add(ref qr, i));
        }
    }

    /// <summary>
    /// Backward over one row of a per-row quantizer: adds the input gradient and returns Σ w·∂y/∂s and
    /// Σ w·∂y/∂b, with w = dL/dy (task gradient) or sign(y − x) (local error).
    /// </summary>
    /// <param name="fresh">
    /// gx holds no gradient yet (Tape.GradForAccumulation): it is written as 0 + contribution, +0 where clipped, without
    /// being read, which is what a zeroed gx would hold (the same for the other backward kernels here)
    /// </param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (float Step, float Bit) BackwardRow(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> gy, Span<float> gx, bool inputGradient,
        float step, float qmax, bool taskGradient, bool clip, bool fresh = false)
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        ref float gyr = ref MemoryMarshal.GetReference(gy);
        ref float gxr = ref MemoryMarshal.GetReference(gx);
        var s = Vector512.Create(step);
        var q = Vector512.Create(qmax);
        var accS = Vector512<float>.Zero;
        var accB = Vector512<float>.Zero;
        int i = 0;
        for (; i + 16 <= x.Length; i += 16)
        {
            var (w, ds, db) = Terms(ref xr, ref yr, ref gyr, ref gxr, i, s, q, inputGradient, taskGradient, clip, fresh);
            accS += w * ds;
            accB += w * db;
        }

        float sumS = Vector512.Sum(accS), sumB = Vector512.Sum(accB);
        for (; i < x.Length; i++)
        {
            var (w, ds, db) = Terms(ref xr, ref yr, ref gyr, ref gxr, i, step, qmax, inputGradient, taskGradient, clip, fresh);
            sumS += w * ds;
            sumB += w * db;
        }

        return (sumS, sumB);
    }

    /// <summary>
    /// Backward over one row of a per-row quantizer that keeps the terms: adds the input gradient and writes each
    /// element's w·∂y/∂s and w·∂y/∂b (as 0 + term, the value <see cref="BackwardColumns"/> leaves in zeroed sums), for
    /// the caller to sum in element order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void RowTerms(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> gy, Span<float> gx, bool inputGradient,
        float step, float qmax, bool taskGradient, bool clip, Span<float> stepTerms, Span<float> bitTerms, bool fresh = false)
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        ref float gyr = ref MemoryMarshal.GetReference(gy);
        ref float gxr = ref MemoryMarshal.GetReference(gx);
        ref float ssr = ref MemoryMarshal.GetReference(stepTerms);
        ref float bsr = ref MemoryMarshal.GetReference(bitTerms);
        var s = Vector512.Create(step);
        var q = Vector512.Create(qmax);
        int i = 0;
        for (; i + 16 <= x.Length; i += 16)
        {
            var (w, ds, db) = Terms(ref xr, ref yr, ref gyr, ref gxr, i, s, q, inputGradient, taskGradient, clip, fresh);
            (Vector512<float>.Zero + (w * ds)).StoreUnsafe(ref ssr, (nuint)i);
            (Vector512<float>.Zero + (w * db)).StoreUnsafe(ref bsr, (nuint)i);
        }

        if (i < x.Length && Avx512F.IsSupported)
        {
            var mask = TailMask(x.Length - i);
            fixed (float* xp = x, yp = y, gyp = gy, gxp = gx, ssp = stepTerms, bsp = bitTerms)
            {
                var xv = Avx512F.MaskLoad(xp + i, mask, Vector512<float>.Zero);
                var g = Avx512F.MaskLoad(gyp + i, mask, Vector512<float>.Zero);
                var (ds, db, inRange) = Derivatives(xv, s, q);
                if (inputGradient)
                {
                    var pass = clip ? Vector512.ConditionalSelect(inRange, g, Vector512<float>.Zero) : g;
                    var current = fresh ? Vector512<float>.Zero : Avx512F.MaskLoad(gxp + i, mask, Vector512<float>.Zero);
                    Avx512F.MaskStore(gxp + i, mask, current + pass);
                }

                var w = taskGradient ? g : Sign(Avx512F.MaskLoad(yp + i, mask, Vector512<float>.Zero) - xv);
                Avx512F.MaskStore(ssp + i, mask, Vector512<float>.Zero + (w * ds));
                Avx512F.MaskStore(bsp + i, mask, Vector512<float>.Zero + (w * db));
            }

            return;
        }

        for (; i < x.Length; i++)
        {
            var (w, ds, db) = Terms(ref xr, ref yr, ref gyr, ref gxr, i, step, qmax, inputGradient, taskGradient, clip, fresh);
            Unsafe.Add(ref ssr, i) = 0f + (w * ds);
            Unsafe.Add(ref bsr, i) = 0f + (w * db);
        }
    }

    /// <summary>All-ones in the first <paramref name="count"/> lanes (0 &lt; count &lt; 16).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> TailMask(int count) =>
        Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle();

    /// <summary>Backward over one row of a per-column quantizer; adds to the per-column sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void BackwardColumns(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> gy, Span<float> gx, bool inputGradient,
        ReadOnlySpan<float> steps, ReadOnlySpan<float> qmax, bool taskGradient, bool clip, Span<float> stepSums, Span<float> bitSums, bool fresh = false)
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        ref float gyr = ref MemoryMarshal.GetReference(gy);
        ref float gxr = ref MemoryMarshal.GetReference(gx);
        ref float sr = ref MemoryMarshal.GetReference(steps);
        ref float qr = ref MemoryMarshal.GetReference(qmax);
        ref float ssr = ref MemoryMarshal.GetReference(stepSums);
        ref float bsr = ref MemoryMarshal.GetReference(bitSums);
        int i = 0;
        for (; i + 16 <= x.Length; i += 16)
        {
            var (w, ds, db) = Terms(
                ref xr, ref yr, ref gyr, ref gxr, i, Vector512.LoadUnsafe(ref sr, (nuint)i), Vector512.LoadUnsafe(ref qr, (nuint)i), inputGradient, taskGradient, clip, fresh);
            (Vector512.LoadUnsafe(ref ssr, (nuint)i) + (w * ds)).StoreUnsafe(ref ssr, (nuint)i);
            (Vector512.LoadUnsafe(ref bsr, (nuint)i) + (w * db)).StoreUnsafe(ref bsr, (nuint)i);
        }

        for (; i < x.Length; i++)
        {
            var (w, ds, db) = Terms(ref xr, ref yr, ref gyr, ref gxr, i, Unsafe.Add(ref sr, i), Unsafe.Add(ref qr, i), inputGradient, taskGradient, clip, fresh);
            Unsafe.Add(ref ssr, i) += w * ds;
            Unsafe.Add(ref bsr, i) += w * db;
        }
    }

    /// <summary>
    /// The authors' two-step clamp of v = x/s (v &gt; q_max → q_max, then v &lt; −q_max → −q_max): an ordinary
    /// clamp for q_max ≥ 0, and v = +½ everywhere for n = 0 (q_max = −½).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Clamped(float x, float step, float qmax)
    {
        float v = x / step;
        v = v > qmax ? qmax : v;
        return v < -qmax ? -qmax : v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Level(float x, float step, float qmax) => MathF.Floor(MathF.Abs(Clamped(x, step, qmax)) + 0.5f) * MathF.Sign(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Clamped(Vector512<float> x, Vector512<float> s, Vector512<float> qmax)
    {
        var v = x / s;
        v = Vector512.ConditionalSelect(Vector512.GreaterThan(v, qmax), qmax, v);
        return Vector512.ConditionalSelect(Vector512.LessThan(v, -qmax), -qmax, v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Level(Vector512<float> x, Vector512<float> s, Vector512<float> qmax) =>
        Vector512.Floor(Vector512.Abs(Clamped(x, s, qmax)) + Vector512.Create(0.5f)) * Sign(x);

    /// <summary>
    /// One 16-lane block of a quantizer's backward (one (s, q_max) per row, or one per lane for a per-column quantizer): adds the input gradient at <paramref name="i"/> and returns
    /// the weight w (dL/dy, or sign(y − x) for the local error) with ∂y/∂s and ∂y/∂b.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<float> W, Vector512<float> Ds, Vector512<float> Db) Terms(
        ref float xr, ref float yr, ref float gyr, ref float gxr, int i, Vector512<float> s, Vector512<float> q, bool inputGradient, bool taskGradient, bool clip, bool fresh)
    {
        var xv = Vector512.LoadUnsafe(ref xr, (nuint)i);
        var g = Vector512.LoadUnsafe(ref gyr, (nuint)i);
        var (ds, db, inRange) = Derivatives(xv, s, q);
        if (inputGradient)
        {
            var pass = clip ? Vector512.ConditionalSelect(inRange, g, Vector512<float>.Zero) : g;
            var current = fresh ? Vector512<float>.Zero : Vector512.LoadUnsafe(ref gxr, (nuint)i);
            (current + pass).StoreUnsafe(ref gxr, (nuint)i);
        }

        var w = taskGradient ? g : Sign(Vector512.LoadUnsafe(ref yr, (nuint)i) - xv);
        return (w, ds, db);
    }

    /// <summary>The scalar tail's <see cref="Terms(ref float, ref float, ref float, ref float, int, Vector512{float}, Vector512{float}, bool, bool, bool, bool)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (float W, float Ds, float Db) Terms(
        ref float xr, ref float yr, ref float gyr, ref float gxr, int i, float step, float qmax, bool inputGradient, bool taskGradient, bool clip, bool fresh)
    {
        float xv = Unsafe.Add(ref xr, i), g = Unsafe.Add(ref gyr, i);
        var (ds, db, inRange) = Derivatives(xv, step, qmax);
        if (inputGradient)
        {
            float current = fresh ? 0f : Unsafe.Add(ref gxr, i);
            Unsafe.Add(ref gxr, i) = inRange || !clip ? current + g : current;
        }

        return (taskGradient ? g : MathF.Sign(Unsafe.Add(ref yr, i) - xv), ds, db);
    }

    /// <summary>sign(x) with sign(0) = 0, as torch.sign.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Sign(Vector512<float> x) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), Vector512<float>.One, Vector512<float>.Zero)
        - Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), Vector512<float>.One, Vector512<float>.Zero);

    /// <summary>∂y/∂s and ∂y/∂b (Eq. 10) and the in-range mask |x| ≤ q_max·s.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<float> Ds, Vector512<float> Db, Vector512<float> InRange) Derivatives(Vector512<float> x, Vector512<float> s, Vector512<float> qmax)
    {
        var v = Clamped(x, s, qmax);
        var q = Vector512.Floor(Vector512.Abs(v) + Vector512.Create(0.5f)) * Sign(x);
        var inRange = Vector512.LessThanOrEqual(Vector512.Abs(x), qmax * s).AsSingle();
        var ds = Vector512.ConditionalSelect(inRange, q - v, Sign(v) * qmax);
        var db = Vector512.ConditionalSelect(inRange, Vector512<float>.Zero, Sign(x) * (qmax + Vector512<float>.One) * Vector512.Create(Ln2) * s);
        return (ds, db, inRange);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (float Ds, float Db, bool InRange) Derivatives(float x, float s, float qmax)
    {
        float v = Clamped(x, s, qmax);
        float q = MathF.Floor(MathF.Abs(v) + 0.5f) * MathF.Sign(x);
        bool inRange = MathF.Abs(x) <= qmax * s;
        return (inRange ? q - v : MathF.Sign(v) * qmax, inRange ? 0f : MathF.Sign(x) * (qmax + 1f) * Ln2 * s, inRange);
    }
}
