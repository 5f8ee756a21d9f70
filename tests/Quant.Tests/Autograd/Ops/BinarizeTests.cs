using A2Q.Quant.Autograd;
using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors;
using A2Q.Quant.Tests.Support;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

/// <summary>Bi-GCN's binarizer on hand-computed cases (sign has no useful finite difference).</summary>
public class BinarizeTests
{
    [Fact]
    public void FeaturesGetOneScalePerNodeAndAClippedStraightThroughGradient()
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var x = new Parameter("x", ParameterRole.Weight, Tensor.FromRows(new float[,] { { 0.5f, -1.5f, 0f }, { 2f, 2f, -2f } }));

        var y = Functional.Binarize(tape, x, QuantizerAxis.PerRow, BinarizeGradient.ClippedStraightThrough);

        // α = (0.5 + 1.5 + 0)/3 and (2 + 2 + 2)/3; sign(0) = 0.
        float a = 2f / 3f;
        Assert.Equal(new[] { a, -a, 0f, 2f, 2f, -2f }, y.Value.ToArray(), new FloatTolerance(1e-6f));

        tape.Backward(Functional.Sum(y));

        // Ones where |x| ≤ 1 (0.5 and 0), zero elsewhere; the scale passes nothing.
        Assert.Equal(new[] { 1f, 0f, 1f, 0f, 0f, 0f }, x.Gradient.ToArray());
    }

    [Fact]
    public void WeightsGetOneScalePerOutputUnitAndTheScalesDerivative()
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var w = new Parameter("w", ParameterRole.Weight, Tensor.FromRows(new float[,] { { 0.5f, -2f }, { -0.25f, 1f } }));
        var upstream = tape.Constant(Tensor.FromRows(new float[,] { { 1f, 2f }, { 3f, 4f } }));

        var y = Functional.Binarize(tape, w, QuantizerAxis.PerColumn, BinarizeGradient.WithScale);

        // Column scales (0.5 + 0.25)/2 = 0.375 and (2 + 1)/2 = 1.5.
        Assert.Equal(new[] { 0.375f, -1.5f, -0.375f, 1.5f }, y.Value.ToArray(), new FloatTolerance(1e-6f));

        tape.Backward(Functional.Sum(Functional.Multiply(y, upstream)));

        // dw = α·1{|w| ≤ 1}·g + sign(w)·Σ_column(sign·g)/2 with column sums 1 − 3 = −2 and −2 + 4 = 2:
        // w00: 0.375 − 1 = −0.625; w01 (|w| > 1): −1; w10: 1.125 + 1 = 2.125; w11: 6 + 1 = 7.
        Assert.Equal(new[] { -0.625f, -1f, 2.125f, 7f }, w.Gradient.ToArray(), new FloatTolerance(1e-6f));
    }

    [Fact]
    public void RowsAreIndependentOfTheThreadCount()
    {
        var data = GradientCheck.Random(300, 37, 51, scale: 2f);
        float[] Binarized(int threads)
        {
            using var compute = new ComputeContext(threads);
            using var tape = new Tape(compute);
            return Functional.Binarize(tape, new Parameter("x", ParameterRole.Weight, data), QuantizerAxis.PerRow, BinarizeGradient.ClippedStraightThrough).Value.ToArray();
        }

        Assert.Equal(Binarized(1), Binarized(2));
    }
}
