using A2Q.Quant.Tensors.Kernels;

namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>Y = X for X &gt; 0, slope·X otherwise (GAT scores use slope 0.2).</summary>
    public static Variable LeakyRelu(Variable x, float negativeSlope = 0.01f)
    {
        var tape = Tape.Of(x);
        var y = tape.Allocate(x.Rows, x.Columns, clear: false);
        Activations.LeakyRelu(x.Value.Span, y.Span, negativeSlope);
        var result = tape.Result(y, x);
        tape.Record(result, gy => Activations.AccumulatePiecewiseLinearGradient(x.Value.Span, gy.Span, tape.GradOf(x).Span, negativeSlope));
        return result;
    }
}
