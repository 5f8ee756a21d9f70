namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>
    /// Softmax cross-entropy on raw scores, averaged over <paramref name="rows"/>; log-softmax and NLL fused
    /// so only the selected rows are normalised. d/dz = (softmax(z) − onehot)/|rows|.
    /// </summary>
    public static Variable CrossEntropy(Variable logits, int[] labels, int[] rows)
    {
        if (rows.Length == 0)
        {
            throw new ArgumentException("CrossEntropy: no rows to average over");
        }

        var tape = Tape.Of(logits);
        int c = logits.Columns;
        var logp = tape.AllocateScratch(rows.Length * c, clear: false);
        double sum = 0;
        for (int r = 0; r < rows.Length; r++)
        {
            int i = rows[r];
            var lr = logp.AsSpan(r * c, c);
            LogSoftmaxRow(logits.Value.Row(i), lr);
            sum -= lr[CheckLabel(labels[i], c, i)];
        }

        var y = tape.Allocate(1, 1, clear: false);
        y.Span[0] = (float)(sum / rows.Length);
        var result = tape.Result(y, logits);
        tape.Record(result, gy =>
        {
            var g = tape.GradOf(logits);
            float scale = gy.Span[0] / rows.Length;
            for (int r = 0; r < rows.Length; r++)
            {
                int i = rows[r];
                var gr = g.Row(i);
                var lr = logp.AsSpan(r * c, c);
                for (int j = 0; j < c; j++)
                {
                    gr[j] += scale * MathF.Exp(lr[j]);
                }

                gr[labels[i]] -= scale;
            }
        });
        return result;
    }
}
