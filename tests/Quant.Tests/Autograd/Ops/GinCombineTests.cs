using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class GinCombineTests
{
    [Fact]
    public void GradientWithRespectToEpsilonMatchesFiniteDifferences()
    {
        float[] neighbours = [0.5f, -1f, 2f, 0f];
        float[] self = [1f, 0f, -0.5f, 3f];
        GradientCheck.Assert(v => Functional.GinCombine(v[0].Tape!, neighbours, self, v[0]), Tensor.FromArray(1, 1, [0.3f]));
    }

    [Fact]
    public void CombinesNeighbourSumAndScaledSelf()
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var y = Functional.GinCombine(tape, [0.5f, -1f], [1f, 2f], tape.Constant(Tensor.FromArray(1, 1, [0.5f])));
        Assert.Equal(new[] { 2f, 2f }, y.Value.ToArray());
    }
}
