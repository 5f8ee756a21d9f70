using A2Q.Quant.Tensors;
using A2Q.Quant.Tensors.Kernels;
using Xunit;

namespace A2Q.Quant.Tests.Tensors.Kernels;

public class ActivationsTests
{
    [Theory]
    [InlineData(0f)]      // ReLU
    [InlineData(0.2f)]    // LeakyReLU
    public void AFreshGradientEqualsAccumulatingIntoZerosBitForBit(float slope)
    {
        // 37 values: two vectors and a scalar tail; −0 upstream gradients must come out as the cleared buffer gives them.
        var random = new SeededRandom(5);
        var x = Enumerable.Range(0, 37).Select(i => i % 5 == 0 ? 0f : random.Uniform(-1f, 1f)).ToArray();
        var gy = Enumerable.Range(0, 37).Select(i => i % 3 == 0 ? -0f : random.Uniform(-1f, 1f)).ToArray();

        var cleared = new float[37];
        Activations.AccumulatePiecewiseLinearGradient(x, gy, cleared, slope);
        var fresh = Enumerable.Repeat(float.NaN, 37).ToArray();
        Activations.AccumulatePiecewiseLinearGradient(x, gy, fresh, slope, fresh: true);

        Assert.Equal(cleared.Select(BitConverter.SingleToInt32Bits), fresh.Select(BitConverter.SingleToInt32Bits));
    }
}
