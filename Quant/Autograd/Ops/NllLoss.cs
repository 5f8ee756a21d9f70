namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>
    /// Negative log-likelihood, averaged over the rows in <paramref name="rows"/> (the training nodes):
    /// loss = −(1/|rows|) Σ_i logp[i, label_i].
    /// </summary>
    public static Variable NllLoss(Variable logProbabilities, int[] labels, int[] rows)
    {
        if (rows.Length == 0)
        {
            throw new ArgumentException("NllLoss: no rows to average over");
        }

        var tape = Tape.Of(logProbabilities);
        var lp = logProbabilities.Value;
        double sum = 0;
        foreach (int i in rows)
        {
            sum -= lp[i, CheckLabel(labels[i], lp.Columns, i)];
        }

        var y = tape.Allocate(1, 1, clear: false);
        y.Span[0] = (float)(sum / rows.Length);
        var result = tape.Result(y, logProbabilities);
        tape.Record(result, gy =>
        {
            var g = tape.GradOf(logProbabilities);
            float scale = gy.Span[0] / rows.Length;
            foreach (int i in rows)
            {
                g[i, labels[i]] -= scale;
            }
        });
        return result;
    }

    internal static int CheckLabel(int label, int classes, int row)
    {
        if ((uint)label >= (uint)classes)
        {
            throw new ArgumentException($"row {row} has label {label}, outside [0, {classes})");
        }

        return label;
    }
}
