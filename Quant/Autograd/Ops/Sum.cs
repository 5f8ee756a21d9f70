namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>The sum of all elements, as a 1×1 variable (summed in fixed chunks: thread-count independent).</summary>
    public static Variable Sum(Variable x)
    {
        var tape = Tape.Of(x);
        var y = tape.Allocate(1, 1, clear: false);
        var ones = tape.AllocateScratch(x.Value.Length, clear: false);
        ones.AsSpan(0, x.Value.Length).Fill(1f);
        y.Span[0] = DeterministicDot(tape, x.Value.Buffer, ones, x.Value.Length);
        var result = tape.Result(y, x);
        tape.Record(result, gy =>
        {
            var g = tape.GradOf(x).Span;
            System.Numerics.Tensors.TensorPrimitives.Add(g, gy.Span[0], g);
        });
        return result;
    }
}
