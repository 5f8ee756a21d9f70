using A2Q.Quant.Autograd;
using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors;
using A2Q.Quant.Tests.Support;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

/// <summary>
/// Worked example (one group, s = 0.5, b = 3 → n = 3, q_max = 3, clipping range |x| ≤ 1.5):
/// x         =  0.2   0.3  −0.74   1.6   −2.0    0     0.25
/// v = x/s   =  0.4   0.6  −1.48   3.2→3 −4→−3   0     0.5
/// q         =  0     1    −1      3     −3      0     1      (⌊|v| + ½⌋·sign x: 0.5 rounds away from zero)
/// y = q·s   =  0     0.5  −0.5    1.5   −1.5    0     0.5
/// ∂y/∂s     = −0.4   0.4   0.48   3     −3      0     0.5    (q − v inside, sign·q_max outside)
/// ∂y/∂b     =  0     0     0      4ln2·½ −4ln2·½ 0    0      (sign(x)·2^(n−1)·ln2·s outside)
/// sign(y−x) = −1     1     1     −1      1      0     1
/// </summary>
public class QuantizeTests
{
    private static readonly float[] X = [0.2f, 0.3f, -0.74f, 1.6f, -2.0f, 0f, 0.25f];
    private static readonly float[] Gy = [1, 2, 3, 4, 5, 6, 7];
    private const double OutsideBit = 4 * 0.6931471805599453 * 0.5;

    private static (float[] Y, float[] Gx, float Gs, float Gb) Run(QuantizerGradient gradient, bool clip, float step = 0.5f, float bits = 3f)
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var x = new Parameter("x", ParameterRole.Weight, Tensor.FromArray(1, X.Length, X));
        var s = new Parameter("s", ParameterRole.FeatureStepSize, Tensor.FromArray(1, 1, [step]));
        var b = new Parameter("b", ParameterRole.FeatureBitWidth, Tensor.FromArray(1, 1, [bits]));
        var y = Functional.Quantize(tape, x, s, b, QuantizerAxis.PerRow, gradient, clip);
        var loss = Functional.Sum(Functional.Multiply(y, tape.Constant(Tensor.FromArray(1, Gy.Length, Gy))));
        tape.Backward(loss);
        return (y.Value.ToArray(), x.Gradient.ToArray(), s.Gradient.Span[0], b.Gradient.Span[0]);
    }

    [Fact]
    public void ForwardRoundsHalfAwayFromZeroAndClipsAtQmax()
    {
        var (y, _, _, _) = Run(QuantizerGradient.Task, clip: false);
        Assert.Equal(new[] { 0f, 0.5f, -0.5f, 1.5f, -1.5f, 0f, 0.5f }, y);
    }

    [Fact]
    public void TaskGradientSumsUpstreamTimesEq10()
    {
        var (_, gx, gs, gb) = Run(QuantizerGradient.Task, clip: false);

        // Σ gy·∂y/∂s = −0.4 + 0.8 + 1.44 + 12 − 15 + 0 + 3.5; Σ gy·∂y/∂b = (4 − 5)·4ln2·½
        Assert.Equal(2.34f, gs, 4);
        Assert.Equal((float)-OutsideBit, gb, 5);
        Assert.Equal(Gy, gx);
    }

    [Fact]
    public void LocalGradientFollowsTheSignOfTheQuantizationErrorAveragedOverTheGroup()
    {
        var (_, gx, gs, gb) = Run(QuantizerGradient.LocalError, clip: false);

        // (0.4 + 0.4 + 0.48 − 3 − 3 + 0 + 0.5) / 7 and (−4ln2·½ − 4ln2·½) / 7; the upstream gradient is ignored.
        Assert.Equal(-4.22f / 7f, gs, 5);
        Assert.Equal((float)(-2 * OutsideBit / 7), gb, 5);
        Assert.Equal(Gy, gx);
    }

    [Fact]
    public void ClippedInputGradientStopsOutsideTheRange()
    {
        var (_, gx, _, _) = Run(QuantizerGradient.Task, clip: true);
        Assert.Equal(new float[] { 1, 2, 3, 0, 0, 6, 7 }, gx);
    }

    [Theory]
    [InlineData(2.5f, 1)]   // round half to even: 2 bits, q_max 1
    [InlineData(3.5f, 7)]   // 4 bits
    [InlineData(-3.2f, 3)]  // |b|
    [InlineData(1f, 0)]     // 1 bit: q_max 0, everything quantizes to 0
    public void BitwidthIsRoundedAbsoluteValue(float bits, float expectedQmax) =>
        Assert.Equal(expectedQmax, Functional.QuantizationLevels(bits));

    [Fact]
    public void OneBitQuantizesEverythingToZero()
    {
        var (y, _, _, _) = Run(QuantizerGradient.Task, clip: false, step: 0.5f, bits: 1f);
        Assert.All(y, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void ZeroBitsGiveSignTimesStepAsTheAuthorsClampsDo()
    {
        var (y, _, _, _) = Run(QuantizerGradient.Task, clip: false, step: 0.5f, bits: 0.3f);
        Assert.Equal(new[] { 0.5f, 0.5f, -0.5f, 0.5f, -0.5f, 0f, 0.5f }, y);
    }

    [Fact]
    public void NegativeStepParameterActsThroughItsMagnitude()
    {
        var (y, _, _, _) = Run(QuantizerGradient.Task, clip: false, step: -0.5f);
        Assert.Equal(new[] { 0f, 0.5f, -0.5f, 1.5f, -1.5f, 0f, 0.5f }, y);
    }

    [Fact]
    public void PerColumnGroupsUseTheirOwnStepAndSumOverRows()
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var x = new Parameter("x", ParameterRole.Weight, Tensor.FromRows(new float[,] { { 0.3f, 0.3f }, { 0.9f, -0.9f } }));
        var s = new Parameter("s", ParameterRole.WeightStepSize, Tensor.FromArray(2, 1, [0.2f, 0.5f]));
        var b = new Parameter("b", ParameterRole.FixedBitWidth, Tensor.FromArray(2, 1, [3f, 3f]));
        var y = Functional.Quantize(tape, x, s, b, QuantizerAxis.PerColumn, QuantizerGradient.Task);

        // column 0: 0.3/0.2 = 1.5 → 2 → 0.4; 0.9/0.2 = 4.5 → clipped 3 → 0.6. column 1: 0.6 → 1 → 0.5; −1.8 → −2 → −1.0
        Assert.Equal(new[] { 0.4f, 0.5f, 0.6f, -1.0f }, y.Value.ToArray(), new FloatTolerance(1e-6f));
        tape.Backward(Functional.Sum(y));

        // ds col 0: (2 − 1.5) + 3 (clipped, sign·q_max); col 1: (1 − 0.6) + (−2 − (−1.8))
        Assert.Equal(3.5f, s.Gradient.Span[0], 5);
        Assert.Equal(0.2f, s.Gradient.Span[1], 5);
        Assert.Equal(0f, b.Gradient.Span[1]);
    }

    [Fact]
    public void VectorAndScalarPathsAgreeAndThreadsDoNotMatter()
    {
        // 3 rows × 37 columns: two full Vector512 blocks and a 5-element tail per row.
        var data = GradientCheck.Random(3, 37, 50, scale: 3f);
        float[] Quantized(int threads, QuantizerAxis axis)
        {
            using var compute = new ComputeContext(threads);
            using var tape = new Tape(compute);
            int groups = axis == QuantizerAxis.PerRow ? 3 : 37;
            var steps = Tensor.FromArray(groups, 1, Enumerable.Range(0, groups).Select(k => 0.1f + (0.05f * k)).ToArray());
            var bits = Tensor.FromArray(groups, 1, Enumerable.Range(0, groups).Select(k => (float)(k % 5)).ToArray());
            return Functional.Quantize(tape.Constant(data), tape.Constant(steps), tape.Constant(bits), axis, QuantizerGradient.Task).Value.ToArray();
        }

        foreach (var axis in new[] { QuantizerAxis.PerRow, QuantizerAxis.PerColumn })
        {
            var one = Quantized(1, axis);
            Assert.Equal(one, Quantized(2, axis));
            for (int i = 0; i < 3; i++)
            {
                for (int j = 0; j < 37; j++)
                {
                    int k = axis == QuantizerAxis.PerRow ? i : j;
                    double step = 0.1 + (0.05 * k);
                    double qmax = Math.Pow(2, (k % 5) - 1) - 1;
                    double v = data[i, j] / step;
                    v = v > qmax ? qmax : v;
                    v = v < -qmax ? -qmax : v;
                    double expected = step * Math.Floor(Math.Abs(v) + 0.5) * Math.Sign(data[i, j]);
                    Assert.Equal(expected, one[(i * 37) + j], 5);
                }
            }
        }
    }

    [Fact]
    public void RejectsParametersOfTheWrongCount()
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var e = Assert.Throws<ArgumentException>(() => Functional.Quantize(
            tape.Constant(new Tensor(4, 2)), tape.Constant(new Tensor(3, 1)), tape.Constant(new Tensor(3, 1)), QuantizerAxis.PerRow, QuantizerGradient.Task));
        Assert.Contains("needs 4 step sizes", e.Message);
    }
}
