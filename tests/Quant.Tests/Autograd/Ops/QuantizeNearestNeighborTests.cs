using A2Q.Quant.Autograd;
using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors;
using A2Q.Quant.Tests.Support;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

/// <summary>
/// Worked example, m = 3 groups (s, b): g0 (0.5, 3), g1 (0.1, 4), g2 (0.3, 5).
/// q_max authors 2^(n−1)·s = 2.0, 0.8, 4.8; Algorithm 1 s·(2^(n−1) − 1) = 1.5, 0.7, 4.5.
/// row   x             f     authors: nearest   Algorithm 1: nearest
/// 0     0.3   −1.2    1.2   g1 (0.4 vs 0.8)    g0 (0.3 vs 0.5)
/// 1     3.5   −5.0    5.0   g2 (0.2)           g2 (0.5)
/// 2    −0.5    0.26   0.5   g1 (0.3)           g1 (0.2)
/// Quantized (clip range q_max·s: g0 ±1.5, g1 ±0.7, g2 ±4.5):
/// authors:     row 0 with g1: 0.3 → 3·0.1 = 0.3, −1.2 → −7·0.1 = −0.7; Algorithm 1 with g0: 0.3 → 1·0.5, −1.2 → −2·0.5.
/// row 1 with g2: 3.5/0.3 = 11.67 → 12·0.3 = 3.6, −5.0 clipped to −15·0.3 = −4.5. row 2 with g1: −0.5, 2.6 → 3·0.1 = 0.3.
/// </summary>
public class QuantizeNearestNeighborTests
{
    private static readonly float[] X = [0.3f, -1.2f, 3.5f, -5.0f, -0.5f, 0.26f];
    private static readonly float[] Upstream = [1, 2, 3, 4, 5, 6];
    private static readonly float[] Steps = [0.5f, 0.1f, 0.3f];
    private static readonly float[] Bits = [3f, 4f, 5f];
    private const double Ln2 = 0.6931471805599453;

    private sealed record Outcome(float[] Y, int[] Groups, float[] Gx, float[] StepGrad, float[] BitGrad);

    private static Outcome Run(
        float[] x, int rows, float[] upstream, float[] steps, float[] bits, NearestNeighborSelection selection,
        int threads = 1, bool clip = false, int[]? degrees = null)
    {
        using var compute = new ComputeContext(threads);
        using var tape = new Tape(compute);
        var input = new Parameter("x", ParameterRole.Weight, Tensor.FromArray(rows, x.Length / rows, x));
        var s = new Parameter("s", ParameterRole.FeatureStepSize, Tensor.FromArray(steps.Length, 1, steps));
        var b = new Parameter("b", ParameterRole.FeatureBitWidth, Tensor.FromArray(bits.Length, 1, bits));
        var onTape = Functional.Add(input, tape.Constant(new Tensor(input.Rows, input.Columns)));
        var y = Functional.QuantizeNearestNeighbor(onTape, s, b, selection, out var groups, degrees, clip);
        tape.Backward(Functional.Sum(Functional.Multiply(y, tape.Constant(Tensor.FromArray(input.Rows, input.Columns, upstream)))));
        return new Outcome(y.Value.ToArray(), groups, input.Gradient.ToArray(), s.Gradient.ToArray(), b.Gradient.ToArray());
    }

    [Fact]
    public void AuthorsAndAlgorithm1PickDifferentGroupsForTheFirstRow()
    {
        var authors = Run(X, 3, Upstream, Steps, Bits, NearestNeighborSelection.AuthorsQmax);
        var algorithm1 = Run(X, 3, Upstream, Steps, Bits, NearestNeighborSelection.Algorithm1);

        Assert.Equal(new[] { 1, 2, 1 }, authors.Groups);
        Assert.Equal(new[] { 0, 2, 1 }, algorithm1.Groups);
        Assert.Equal(new[] { 0.3f, -0.7f, 3.6f, -4.5f, -0.5f, 0.3f }, authors.Y, new FloatTolerance(1e-6f));
        Assert.Equal(new[] { 0.5f, -1.0f, 3.6f, -4.5f, -0.5f, 0.3f }, algorithm1.Y, new FloatTolerance(1e-6f));
    }

    [Fact]
    public void GroupGradientsAreTheTaskGradientsOfTheRowsThatUsedThem()
    {
        var run = Run(X, 3, Upstream, Steps, Bits, NearestNeighborSelection.AuthorsQmax);

        // g1 ← rows 0 and 2. Row 0: 0.3 in range, q − v = 3 − 3 = 0; −1.2 clipped: ∂y/∂s = −7, ∂y/∂b = −2³·ln2·0.1.
        // Row 2: −0.5 → q − v = 0; 0.26 → 3 − 2.6 = 0.4. ds = 1·0 + 2·(−7) + 5·0 + 6·0.4 = −11.6; db = 2·(−0.8·ln2).
        // g2 ← row 1: 3.5 → 12 − 11.667 = 1/3; −5 clipped: −15 and −2⁴·ln2·0.3. ds = 3·(1/3) + 4·(−15) = −59; db = 4·(−4.8·ln2).
        Assert.Equal(new[] { 0f, -11.6f, -59f }, run.StepGrad, new FloatTolerance(2e-5f));
        Assert.Equal(new[] { 0f, (float)(-1.6 * Ln2), (float)(-19.2 * Ln2) }, run.BitGrad, new FloatTolerance(2e-5f));
        Assert.Equal(Upstream, run.Gx);
    }

    [Fact]
    public void ClippedInputGradientStopsOutsideTheChosenGroupsRange()
    {
        var run = Run(X, 3, Upstream, Steps, Bits, NearestNeighborSelection.AuthorsQmax, clip: true);
        Assert.Equal(new float[] { 1, 0, 3, 0, 5, 6 }, run.Gx);
    }

    [Fact]
    public void DegreeRulesTakeTheRowDegrees()
    {
        var run = Run(X, 3, Upstream, Steps, Bits, NearestNeighborSelection.InDegreeDirect, degrees: [0, 9, 1]);
        Assert.Equal(new[] { 0, 2, 1 }, run.Groups);
        var error = Assert.Throws<ArgumentException>(() => Run(X, 3, Upstream, Steps, Bits, NearestNeighborSelection.InDegreeDirect));
        Assert.Contains("no row degrees", error.Message);
    }

    [Theory]
    [InlineData(NearestNeighborSelection.AuthorsQmax, false)]
    [InlineData(NearestNeighborSelection.Algorithm1, true)]
    public void MatchesAScalarReference(NearestNeighborSelection selection, bool clip)
    {
        var random = new SeededRandom(7);
        const int rows = 60, columns = 21, groups = 9;
        var (x, upstream, steps, bits) = RandomProblem(random, rows, columns, groups);
        var run = Run(x, rows, upstream, steps, bits, selection, clip: clip);
        var expected = ScalarReference(x, rows, upstream, steps, bits, selection, clip);

        Assert.Equal(expected.Groups, run.Groups);
        Assert.True(run.Groups.Distinct().Count() > 2, "the example should spread rows over several groups");
        Assert.Equal(expected.Y, run.Y, new FloatTolerance(1e-6f));
        Assert.Equal(expected.Gx, run.Gx);
        Assert.Equal(expected.StepGrad, run.StepGrad, new FloatTolerance(1e-3f));
        Assert.Equal(expected.BitGrad, run.BitGrad, new FloatTolerance(1e-3f));
    }

    [Fact]
    public void GradientsAreBitIdenticalAtAnyThreadCount()
    {
        // 3000 rows × 40 features: enough work for the parallel path, rows spread over the 50 groups.
        var random = new SeededRandom(11);
        const int rows = 3000, columns = 40, groups = 50;
        var (x, upstream, steps, bits) = RandomProblem(random, rows, columns, groups);
        var one = Run(x, rows, upstream, steps, bits, NearestNeighborSelection.AuthorsQmax, threads: 1);
        var two = Run(x, rows, upstream, steps, bits, NearestNeighborSelection.AuthorsQmax, threads: 2);

        Assert.Equal(one.Groups, two.Groups);
        Assert.Equal(NaiveReference.Bits(one.Y), NaiveReference.Bits(two.Y));
        Assert.Equal(NaiveReference.Bits(one.StepGrad), NaiveReference.Bits(two.StepGrad));
        Assert.Equal(NaiveReference.Bits(one.BitGrad), NaiveReference.Bits(two.BitGrad));
        Assert.Equal(NaiveReference.Bits(one.Gx), NaiveReference.Bits(two.Gx));
    }

    /// <summary>Rows of varied scale, steps |N(0.05, 0.05)|-like, bits in [0.6, 8.4] (n ≥ 1).</summary>
    private static (float[] X, float[] Upstream, float[] Steps, float[] Bits) RandomProblem(SeededRandom random, int rows, int columns, int groups)
    {
        var x = new float[rows * columns];
        for (int i = 0; i < rows; i++)
        {
            float scale = random.Uniform(0.05f, 3f);
            for (int j = 0; j < columns; j++)
            {
                x[(i * columns) + j] = scale * (float)random.NextNormal();
            }
        }

        var upstream = Enumerable.Range(0, rows * columns).Select(_ => (float)random.NextNormal()).ToArray();
        var steps = Enumerable.Range(0, groups).Select(_ => random.Uniform(-0.3f, 0.3f)).ToArray();
        var bits = Enumerable.Range(0, groups).Select(_ => random.Uniform(0.6f, 8.4f)).ToArray();
        return (x, upstream, steps, bits);
    }

    /// <summary>Algorithm 1 and Eq. 1/3/4/10 written out one element at a time, in double where it does not matter.</summary>
    private static Outcome ScalarReference(float[] x, int rows, float[] upstream, float[] steps, float[] bits, NearestNeighborSelection selection, bool clip)
    {
        int columns = x.Length / rows, groups = steps.Length;
        var y = new float[x.Length];
        var gx = new float[x.Length];
        var chosen = new int[rows];
        var stepGrad = new double[groups];
        var bitGrad = new double[groups];
        for (int i = 0; i < rows; i++)
        {
            float f = 0f;
            for (int j = 0; j < columns; j++)
            {
                f = MathF.Max(f, MathF.Abs(x[(i * columns) + j]));
            }

            int group = 0;
            float best = float.PositiveInfinity;
            for (int k = 0; k < groups; k++)
            {
                float n = MathF.Round(MathF.Abs(bits[k]), MidpointRounding.ToEven);
                float levels = selection == NearestNeighborSelection.Algorithm1 ? MathF.Pow(2f, n - 1f) - 1f : MathF.Pow(2f, n - 1f);
                float distance = (f - (levels * MathF.Abs(steps[k]))) * (f - (levels * MathF.Abs(steps[k])));
                if (distance < best)
                {
                    best = distance;
                    group = k;
                }
            }

            chosen[i] = group;
            float s = MathF.Abs(steps[group]);
            float bitsUsed = MathF.Round(MathF.Abs(bits[group]), MidpointRounding.ToEven);
            float qmax = MathF.Pow(2f, bitsUsed - 1f) - 1f;
            for (int j = 0; j < columns; j++)
            {
                int e = (i * columns) + j;
                float v = Math.Clamp(x[e] / s, -qmax, qmax);
                float q = MathF.Floor(MathF.Abs(v) + 0.5f) * MathF.Sign(x[e]);
                y[e] = s * q;
                bool inRange = MathF.Abs(x[e]) <= qmax * s;
                gx[e] = inRange || !clip ? upstream[e] : 0f;
                stepGrad[group] += upstream[e] * (inRange ? q - v : MathF.Sign(x[e]) * qmax);
                bitGrad[group] += upstream[e] * (inRange ? 0 : MathF.Sign(x[e]) * (qmax + 1) * Ln2 * s);
            }
        }

        return new Outcome(y, chosen, gx, stepGrad.Select(g => (float)g).ToArray(), bitGrad.Select(g => (float)g).ToArray());
    }
}
