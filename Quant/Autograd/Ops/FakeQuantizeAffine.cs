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
            for (int e = start; e < end;)
            {
                // One mask lookup per row: the chunk may start or end inside a row.
                int stop = Math.Min(end, ((e / per) + 1) * per);
                if (passThrough is not null && passThrough[e / per])
                {
                    xs.AsSpan(e, stop - e).CopyTo(ys.AsSpan(e, stop - e));
                    e = stop;
                    continue;
                }

                for (; e < stop; e++)
                {
                    float level = Math.Clamp(MathF.Round((xs[e] * inverse) + zeroPoint, MidpointRounding.ToEven), qmin, qmax);
                    ys[e] = (level - zeroPoint) * scale;
                }
            }
        });

        var result = tape.Result(y, x);
        tape.Record(result, gy =>
        {
            var g = tape.GradOf(x).Buffer;
            var gys = gy.Buffer;
            tape.Compute.Elementwise(n, (start, end) =>
            {
                for (int e = start; e < end;)
                {
                    int stop = Math.Min(end, ((e / per) + 1) * per);
                    bool clip = gradientClipping && (passThrough is null || !passThrough[e / per]);
                    for (; e < stop; e++)
                    {
                        if (clip)
                        {
                            float level = MathF.Round((xs[e] * inverse) + zeroPoint, MidpointRounding.ToEven);
                            if (level >= qmax || level <= qmin)
                            {
                                continue;
                            }
                        }

                        g[e] += gys[e];
                    }
                }
            });
        });
        return result;
    }
}
