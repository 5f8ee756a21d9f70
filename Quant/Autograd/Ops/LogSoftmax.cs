namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>Row-wise log-softmax, shifted by the row maximum for stability.</summary>
    public static Variable LogSoftmax(Variable x)
    {
        var tape = Tape.Of(x);
        var y = tape.Allocate(x.Rows, x.Columns, clear: false);
        for (int i = 0; i < x.Rows; i++)
        {
            LogSoftmaxRow(x.Value.Row(i), y.Row(i));
        }

        var result = tape.Result(y, x);
        tape.Record(result, gy =>
        {
            var gx = tape.GradOf(x);
            for (int i = 0; i < x.Rows; i++)
            {
                // d/dx_j Σ_k g_k log p_k = g_j − p_j Σ_k g_k
                var g = gy.Row(i);
                var yr = y.Row(i);
                var gr = gx.Row(i);
                float total = 0f;
                foreach (float v in g)
                {
                    total += v;
                }

                for (int j = 0; j < g.Length; j++)
                {
                    gr[j] += g[j] - (MathF.Exp(yr[j]) * total);
                }
            }
        });
        return result;
    }

    internal static void LogSoftmaxRow(ReadOnlySpan<float> x, Span<float> y)
    {
        float max = float.NegativeInfinity;
        foreach (float v in x)
        {
            max = MathF.Max(max, v);
        }

        float sum = 0f;
        foreach (float v in x)
        {
            sum += MathF.Exp(v - max);
        }

        // (x − max) − log Σ rather than x − (max + log Σ): large logits would lose the small log Σ.
        float logSum = MathF.Log(sum);
        for (int j = 0; j < x.Length; j++)
        {
            y[j] = (x[j] - max) - logSum;
        }
    }
}
