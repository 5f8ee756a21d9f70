using A2Q.Quant.Tensors.Kernels;

namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>
    /// Degree-Quant's per-tensor affine fake quantization (dq/quantization.py): level = round(x/scale + zp)
    /// (half to even) clamped to [q_min, q_max], y = (level − zp)·scale. Elements marked in
    /// <paramref name="passThrough"/> (protected nodes) stay in full precision. Backward: straight through,
    /// except with gradient clipping ("GC") an element whose unclamped level is ≥ q_max or ≤ q_min gets none.
    /// </summary>
    /// <param name="passThroughRowLength">
    /// elements per mask entry: 1 when <paramref name="passThrough"/> marks elements, the column count when it marks
    /// rows (protected nodes), so a node mask need not be expanded to every element
    /// </param>
    public static Variable FakeQuantizeAffine(
        Tape tape, Variable x, float scale, float zeroPoint, float qmin, float qmax, bool[]? passThrough, bool gradientClipping, int passThroughRowLength = 1)
    {
        int n = x.Value.Length;
        int per = passThroughRowLength;
        if (passThrough is not null && (per < 1 || (long)passThrough.Length * per != n))
        {
            throw new ArgumentException($"FakeQuantizeAffine: {passThrough.Length} mask entries of {per} elements for {n} elements");
        }

        float inverse = 1f / scale;
        var y = tape.Allocate(x.Rows, x.Columns, clear: false);
        var xs = x.Value.Buffer;
        var ys = y.Buffer;
        tape.Compute.Elementwise(n, (start, end) =>
        {
            if (passThrough is null)
            {
                AffineFakeQuantizeKernel.Forward(xs.AsSpan(start, end - start), ys.AsSpan(start, end - start), inverse, scale, zeroPoint, qmin, qmax);
                return;
            }

            for (int e = start; e < end;)
            {
                var (stop, protect) = MaskRun(passThrough, per, e, end);
                if (protect)
                {
                    xs.AsSpan(e, stop - e).CopyTo(ys.AsSpan(e, stop - e));
                }
                else
                {
                    AffineFakeQuantizeKernel.Forward(xs.AsSpan(e, stop - e), ys.AsSpan(e, stop - e), inverse, scale, zeroPoint, qmin, qmax);
                }

                e = stop;
            }
        });

        var result = tape.Result(y, x);
        tape.Record(result, gy =>
        {
            // A first gradient is written as 0 + contribution (see Tape.GradForAccumulation), not zeroed and then added to.
            var g = tape.GradForAccumulation(x, out bool fresh).Buffer;
            var gys = gy.Buffer;
            tape.Compute.Elementwise(n, (start, end) =>
            {
                if (passThrough is null)
                {
                    AffineFakeQuantizeKernel.Backward(xs.AsSpan(start, end - start), gys.AsSpan(start, end - start), g.AsSpan(start, end - start), inverse, zeroPoint, qmin, qmax, gradientClipping, fresh);
                    return;
                }

                for (int e = start; e < end;)
                {
                    var (stop, protect) = MaskRun(passThrough, per, e, end);
                    bool clip = gradientClipping && !protect;
                    AffineFakeQuantizeKernel.Backward(xs.AsSpan(e, stop - e), gys.AsSpan(e, stop - e), g.AsSpan(e, stop - e), inverse, zeroPoint, qmin, qmax, clip, fresh);
                    e = stop;
                }
            });
        });
        return result;
    }

    /// <summary>
    /// The end of the run of elements from <paramref name="start"/> that share one mask value (whole mask entries of
    /// <paramref name="per"/> elements; a chunk may start or end inside an entry), and that value.
    /// </summary>
    internal static (int Stop, bool Protected) MaskRun(bool[] passThrough, int per, int start, int end)
    {
        bool value = passThrough[start / per];
        int stop = Math.Min(end, ((start / per) + 1) * per);
        while (stop < end && passThrough[stop / per] == value)
        {
            stop = Math.Min(end, stop + per);
        }

        return (stop, value);
    }
}
