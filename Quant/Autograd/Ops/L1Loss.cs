namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>Mean absolute error over all elements (ZINC's MAE); the subgradient at 0 is 0, as PyTorch's.</summary>
    public static Variable L1Loss(Variable prediction, A2Q.Quant.Tensors.Tensor target)
    {
        if (!prediction.Value.SameShape(target))
        {
            throw new ArgumentException($"L1Loss: prediction {prediction.Rows}x{prediction.Columns} vs target {target.Rows}x{target.Columns}");
        }

        var tape = Tape.Of(prediction);
        var p = prediction.Value.Span;
        var t = target.Span;
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            sum += MathF.Abs(p[i] - t[i]);
        }

        var y = tape.Allocate(1, 1, clear: false);
        int n = p.Length;
        y.Span[0] = (float)(sum / n);
        var result = tape.Result(y, prediction);
        tape.Record(result, gy =>
        {
            var g = tape.GradOf(prediction).Span;
            var pv = prediction.Value.Span;
            var tv = target.Span;
            float scale = gy.Span[0] / n;
            for (int i = 0; i < g.Length; i++)
            {
                g[i] += scale * MathF.Sign(pv[i] - tv[i]);
            }
        });
        return result;
    }
}
