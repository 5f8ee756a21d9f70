namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>Mean squared error over all elements.</summary>
    public static Variable MseLoss(Variable prediction, A2Q.Quant.Tensors.Tensor target)
    {
        if (!prediction.Value.SameShape(target))
        {
            throw new ArgumentException($"MseLoss: prediction {prediction.Rows}x{prediction.Columns} vs target {target.Rows}x{target.Columns}");
        }

        var tape = Tape.Of(prediction);
        var p = prediction.Value.Span;
        var t = target.Span;
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double d = p[i] - t[i];
            sum += d * d;
        }

        int n = p.Length;
        var y = tape.Allocate(1, 1, clear: false);
        y.Span[0] = (float)(sum / n);
        var result = tape.Result(y, prediction);
        tape.Record(result, gy =>
        {
            var g = tape.GradOf(prediction).Span;
            var pv = prediction.Value.Span;
            var tv = target.Span;
            float scale = 2f * gy.Span[0] / n;
            for (int i = 0; i < g.Length; i++)
            {
                g[i] += scale * (pv[i] - tv[i]);
            }
        });
        return result;
    }
}
