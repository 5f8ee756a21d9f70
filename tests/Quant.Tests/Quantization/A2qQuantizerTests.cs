using A2Q.Quant.Autograd;
using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Quantization;

public class A2qQuantizerTests
{
    [Fact]
    public void StepsStartAsAbsoluteNormalDrawsAndBitsAtTheirInitialValue()
    {
        var q = new A2qQuantizer("q", 5000, QuantizerAxis.PerRow, QuantizerGradient.LocalError, 5f, new StepSizeInit(0.01f, 0.01f), ParameterRole.FeatureStepSize, trainableBits: true);
        q.ResetParameters(new SeededRandom(4));
        var steps = q.StepSize.Value.ToArray();
        Assert.All(steps, s => Assert.True(s >= 0f));
        Assert.InRange(steps.Average(), 0.010, 0.0135); // E|N(0.01, 0.01)| ≈ 0.0117
        Assert.All(q.BitWidth.Value.ToArray(), b => Assert.Equal(5f, b));
        Assert.Equal(ParameterRole.FeatureBitWidth, q.BitWidth.Role);
    }

    [Fact]
    public void AssignedBitwidthsStartEachGroupAtItsOwnValue()
    {
        var q = new A2qQuantizer("q", 3, QuantizerAxis.PerRow, QuantizerGradient.LocalError, 4f, new StepSizeInit(0.01f, 0.01f), ParameterRole.FeatureStepSize, trainableBits: true, groupInitialBits: [3f, 2f, 3f]);
        q.ResetParameters(new SeededRandom(1));
        Assert.Equal(new[] { 3f, 2f, 3f }, q.BitWidth.Value.ToArray());
        Assert.Throws<ArgumentException>(() => new A2qQuantizer("q", 2, QuantizerAxis.PerRow, QuantizerGradient.LocalError, 4f, new StepSizeInit(0.01f, 0.01f), ParameterRole.FeatureStepSize, trainableBits: true, groupInitialBits: [3f]));
    }

    [Fact]
    public void FixedBitwidthsCarryTheFixedRole()
    {
        var q = new A2qQuantizer("w", 3, QuantizerAxis.PerColumn, QuantizerGradient.Task, 4f, new StepSizeInit(0.1f, 0.2f), ParameterRole.WeightStepSize, trainableBits: false);
        Assert.Equal(ParameterRole.FixedBitWidth, q.BitWidth.Role);
        Assert.Equal(ParameterRole.WeightStepSize, q.StepSize.Role);
    }

    [Fact]
    public void IntegerBitsRoundTheMagnitudeHalfToEven()
    {
        var q = new A2qQuantizer("q", 4, QuantizerAxis.PerRow, QuantizerGradient.LocalError, 4f, new StepSizeInit(0.1f, 0f), ParameterRole.FeatureStepSize, trainableBits: true);
        new[] { 2.5f, 3.5f, -1.6f, 0.4f }.CopyTo(q.BitWidth.Value.Span);
        Assert.Equal(new[] { 2, 4, 2, 0 }, q.IntegerBits());
    }
}
