using A2Q.Quant.Autograd;
using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

/// <summary>
/// Worked example: bits [4.2, −3.6, 5.0] at scale 16 and [2, 2] at scale 8:
/// M = (16·12.8 + 8·4) / 8192 KB = 0.02890625 KB; target 0.01 KB → excess 0.01890625; λ = 2 →
/// L = 2·0.01890625² = 7.148926e-4; dL/db = 2λ·excess·scale/8192·sign(b) = 1.4770508e-4·sign(b) (scale 16).
/// </summary>
public class MemoryPenaltyTests
{
    private static (float Loss, float[] First, float[] Second) Run(float target, MemoryPenaltyForm form, float offset = 0f)
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var first = new Parameter("a", ParameterRole.FeatureBitWidth, Tensor.FromArray(3, 1, [4.2f, -3.6f, 5.0f]));
        var second = new Parameter("b", ParameterRole.FeatureBitWidth, Tensor.FromArray(2, 1, [2f, 2f]));
        var loss = Functional.MemoryPenalty(tape, [(first, 16f), (second, 8f)], target, 2f, form, offset);
        tape.Backward(Functional.Add(loss, Functional.Scale(Functional.Sum(Functional.Add(first, tape.Constant(new Tensor(3, 1)))), 0f)));
        return (loss.Value.Span[0], first.Gradient.ToArray(), second.Gradient.ToArray());
    }

    [Fact]
    public void MatchesTheWorkedExample()
    {
        var (loss, first, second) = Run(0.01f, MemoryPenaltyForm.OneSided);
        Assert.Equal(7.148926e-4f, loss, 8);
        Assert.Equal(1.4770508e-4f, first[0], 9);
        Assert.Equal(-1.4770508e-4f, first[1], 9);
        Assert.Equal(7.385254e-5f, second[0], 9);
    }

    [Fact]
    public void OneSidedFormIgnoresMemoryBelowTheTarget()
    {
        var (loss, first, _) = Run(1f, MemoryPenaltyForm.OneSided);
        Assert.Equal(0f, loss);
        Assert.All(first, g => Assert.Equal(0f, g));
    }

    [Fact]
    public void SquaredFormOfEq5PushesUpBelowTheTarget()
    {
        var (loss, first, _) = Run(0.05f, MemoryPenaltyForm.Squared);
        Assert.True(loss > 0f);
        Assert.True(first[0] < 0f, "below the target the squared penalty raises positive bits");
    }

    [Fact]
    public void OffsetCountsFixedBits()
    {
        var (loss, _, _) = Run(0.01f, MemoryPenaltyForm.OneSided, offset: 0.01f);
        double excess = 0.02890625 + 0.01 - 0.01;
        Assert.Equal((float)(2 * excess * excess), loss, 8);
    }
}
