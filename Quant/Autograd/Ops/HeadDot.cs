using A2Q.Quant.Tensors.Kernels;

namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>
    /// Per-head inner products s[i, h] = Σ_c z[i, h·C + c] · a[h·C + c]: GAT's attention half-scores, with
    /// the heads of z side by side in each row (N × H·C) and one attention vector per head (1 × H·C).
    /// </summary>
    public static Variable HeadDot(Variable z, Variable attention, int heads)
    {
        if (attention.Rows != 1 || attention.Columns != z.Columns || heads < 1 || z.Columns % heads != 0)
        {
            throw new ArgumentException($"HeadDot: z {z.Rows}x{z.Columns}, attention {attention.Rows}x{attention.Columns}, heads {heads} do not fit");
        }

        var tape = Tape.Of(z, attention);
        int n = z.Rows, width = z.Columns, c = width / heads;
        var s = tape.Allocate(n, heads, clear: false);
        var a = attention.Value.Buffer;
        var zb = z.Value.Buffer;
        var sb = s.Buffer;
        tape.Compute.For(n, 256, width, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                HeadKernels.HeadDots(zb.AsSpan(i * width, width), a.AsSpan(0, width), sb.AsSpan(i * heads, heads), heads, c, accumulate: false);
            }
        });
        var result = tape.Result(s, z, attention);
        tape.Record(result, gs =>
        {
            var gsb = gs.Buffer;
            if (z.RequiresGrad)
            {
                var gz = tape.GradOf(z).Buffer;
                tape.Compute.For(n, 256, width, (start, end) =>
                {
                    for (int i = start; i < end; i++)
                    {
                        HeadKernels.AddHeadScaled(gsb.AsSpan(i * heads, heads), a.AsSpan(0, width), gz.AsSpan(i * width, width), heads, c);
                    }
                });
            }

            if (attention.RequiresGrad)
            {
                var sums = tape.AllocateScratch(width, clear: false);
                tape.Compute.Reduce(n, 512, width, width, (start, end, partial) =>
                {
                    for (int i = start; i < end; i++)
                    {
                        HeadKernels.AddHeadScaled(gsb.AsSpan(i * heads, heads), zb.AsSpan(i * width, width), partial.AsSpan(0, width), heads, c);
                    }
                }, sums.AsSpan(0, width));
                var ga = tape.GradOf(attention).Span;
                System.Numerics.Tensors.TensorPrimitives.Add(ga, sums.AsSpan(0, width), ga);
            }
        });
        return result;
    }
}
