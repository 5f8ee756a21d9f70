using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class CrossEntropyTests
{
    private static readonly int[] Labels = [1, 0, 2, 2, 1];
    private static readonly int[] Rows = [0, 1, 4];

    [Fact]
    public void EqualsNllOfLogSoftmax()
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var logits = tape.Constant(GradientCheck.Random(5, 3, 24, scale: 3f));
        float fused = Functional.CrossEntropy(logits, Labels, Rows).Value.Span[0];
        float composed = Functional.NllLoss(Functional.LogSoftmax(logits), Labels, Rows).Value.Span[0];
        Assert.Equal(composed, fused, 6);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences() =>
        GradientCheck.Assert(v => Functional.CrossEntropy(v[0], Labels, Rows), GradientCheck.Random(5, 3, 25, scale: 2f));
}
