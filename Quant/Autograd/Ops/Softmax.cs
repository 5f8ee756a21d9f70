namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>Row-wise softmax.</summary>
    public static Variable Softmax(Variable x)
    {
        var tape = Tape.Of(x);
        var y = tape.Allocate(x.Rows, x.Columns, clear: false);
        for (int i = 0; i < x.Rows; i++)
        {
            var yr = y.Row(i);
            LogSoftmaxRow(x.Value.Row(i), yr);
            for (int j = 0; j < yr.Length; j++)
            {
                yr[j] = MathF.Exp(yr[j]);
            }
        }

        var result = tape.Result(y, x);
        tape.Record(result, gy =>
        {
            var gx = tape.GradOf(x);
            for (int i = 0; i < x.Rows; i++)
            {
                // dx_j = p_j (g_j − Σ_k g_k p_k)
                var g = gy.Row(i);
                var p = y.Row(i);
                var gr = gx.Row(i);
                float dot = 0f;
                for (int j = 0; j < g.Length; j++)
                {
                    dot += g[j] * p[j];
                }

                for (int j = 0; j < g.Length; j++)
                {
                    gr[j] += p[j] * (g[j] - dot);
                }
            }
        });
        return result;
    }
}
