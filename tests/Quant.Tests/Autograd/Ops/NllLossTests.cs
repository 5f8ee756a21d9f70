using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class NllLossTests
{
    private static readonly int[] Labels = [2, 0, 1, 2];
    private static readonly int[] Rows = [0, 2, 3];

    [Fact]
    public void AveragesTheNegativeLogLikelihoodOverTheSelectedRows()
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var lp = tape.Constant(Tensor.FromRows(new float[,] { { -1, -2, -3 }, { -9, -9, -9 }, { -4, -5, -6 }, { -7, -8, -0.5f } }));
        var loss = Functional.NllLoss(lp, Labels, Rows);
        Assert.Equal((3f + 5f + 0.5f) / 3f, loss.Value.Span[0], 6);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences() =>
        GradientCheck.Assert(v => Functional.NllLoss(v[0], Labels, Rows), GradientCheck.Random(4, 3, 23));

    [Fact]
    public void RejectsALabelOutsideTheClasses()
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var e = Assert.Throws<ArgumentException>(() => Functional.NllLoss(tape.Constant(new Tensor(2, 2)), [0, 5], [1]));
        Assert.Contains("row 1 has label 5", e.Message);
    }
}
