using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class L1LossTests
{
    [Fact]
    public void IsTheMeanAbsoluteError()
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var loss = Functional.L1Loss(tape.Constant(Tensor.FromRows(new float[,] { { 1 }, { -2 } })), Tensor.FromRows(new float[,] { { 0 }, { 1 } }));
        Assert.Equal(2f, loss.Value.Span[0]);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        var target = GradientCheck.Random(6, 1, 26);
        var prediction = GradientCheck.Random(6, 1, 27);
        for (int i = 0; i < 6; i++)
        {
            // keep every residual well away from the kink at 0
            prediction[i, 0] = target[i, 0] + ((i % 2 == 0 ? 1 : -1) * (0.2f + (0.1f * i)));
        }

        GradientCheck.Assert(v => Functional.L1Loss(v[0], target), prediction);
    }
}
