using A2Q.Quant.Autograd;
using A2Q.Quant.Optim;
using A2Q.Quant.Tensors;
using A2Q.Quant.Tests.Autograd;
using Xunit;

namespace A2Q.Quant.Tests.Optim;

public class AdamTests
{
    private static readonly float[] InitialTheta = [1f, -2f, -30f];
    private static readonly float[] FixedGradient = [0.5f, -1f, 2f];

    [Fact]
    public void TwoStepsWithoutDecayMoveEachEntryByLearningRateAgainstItsGradientSign()
    {
        // A constant gradient gives m̂ = g and v̂ = g² at every step, so each step is lr·g/(|g| + ε) ≈ lr·sign(g).
        var theta = Parameter(InitialTheta, FixedGradient);
        var adam = new Adam([new ParameterGroup("all", [theta], LearningRate: 0.1f)]);

        adam.Step();
        AssertClose([0.9, -1.9, -30.1], theta, 1e-6, "step 1");

        adam.Step();
        AssertClose([0.8, -1.8, -30.2], theta, 1e-6, "step 2");
    }

    [Fact]
    public void TwoStepsWithL2DecayFollowPyTorchsFormula()
    {
        // λ = 0.1, lr = 0.1, β1 = 0.9, β2 = 0.999, ε = 1e-8.
        // Step 1: g' = g + λθ₀ = [0.6, -1.2, -1.0]: the decay flips the sign of the third entry's gradient,
        // and m̂ = g', v̂ = g'² make the step lr·sign(g'): θ₁ = [0.9, -1.9, -29.9].
        // Step 2: g'' = g + λθ₁ = [0.59, -1.19, -0.99];
        // m₂ = 0.9·0.1·g' + 0.1·g'' = [0.113, -0.227, -0.189];
        // v₂ = 0.999·0.001·g'² + 0.001·g''² = [0.00070774, 0.00285466, 0.0019791];
        // θ₂ = θ₁ − (0.1 / 0.19)·m₂ / (√v₂ / √0.001999 + ε).
        double[] m2 = [0.113, -0.227, -0.189];
        double[] v2 = [0.00070774, 0.00285466, 0.0019791];
        double[] theta1 = [0.9, -1.9, -29.9];
        var theta2 = Enumerable.Range(0, 3)
            .Select(i => theta1[i] - (0.1 / 0.19 * m2[i] / ((Math.Sqrt(v2[i]) / Math.Sqrt(0.001999)) + 1e-8)))
            .ToArray();
        var theta = Parameter(InitialTheta, FixedGradient);
        var adam = new Adam([new ParameterGroup("all", [theta], LearningRate: 0.1f, WeightDecay: 0.1f)]);

        adam.Step();
        AssertClose(theta1, theta, 1e-6, "step 1");

        adam.Step();
        AssertClose(theta2, theta, 1e-6, "step 2");

        // The first entry by hand: m̂ = 0.113/0.19 = 0.594737, √v̂ = √(0.00070774/0.001999) = 0.595019.
        Assert.Equal(0.9 - (0.1 * 0.594737 / 0.595019), theta.Value[0, 0], 5);
    }

    [Fact]
    public void WeightDecayChangesTheUpdateAsTheFormulaSays()
    {
        var plain = Parameter(InitialTheta, FixedGradient);
        var decayed = Parameter(InitialTheta, FixedGradient);
        var adam = new Adam([
            new ParameterGroup("plain", [plain], LearningRate: 0.1f),
            new ParameterGroup("decayed", [decayed], LearningRate: 0.1f, WeightDecay: 0.1f),
        ]);

        adam.Step();

        // Same direction where λθ does not flip the gradient, the opposite direction where it does (θ = -30, g = 2).
        Assert.Equal(plain.Value[0, 0], decayed.Value[0, 0], 6);
        Assert.Equal(plain.Value[0, 1], decayed.Value[0, 1], 6);
        Assert.Equal(-30.1f, plain.Value[0, 2], 5);
        Assert.Equal(-29.9f, decayed.Value[0, 2], 5);

        adam.Step();

        Assert.NotEqual(plain.Value[0, 0], decayed.Value[0, 0]);
    }

    [Fact]
    public void ALengthThirtySevenVectorMatchesTheScalarFormulaInDouble()
    {
        // 37 = two 16-lane blocks and a 5-element scalar tail.
        const int n = 37;
        const float learningRate = 0.01f, weightDecay = 0.05f, beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f;
        var initial = GradientCheck.Random(1, n, 101, scale: 2f, away: 1f).ToArray();
        var vector = Parameter(initial, new float[n]);
        var scalars = initial.Select(v => Parameter([v], [0f])).ToArray();
        var adam = new Adam(
            [new ParameterGroup("vector", [vector], learningRate, weightDecay), new ParameterGroup("scalars", scalars, learningRate, weightDecay)],
            beta1,
            beta2,
            epsilon);

        var theta = initial.Select(v => (double)v).ToArray();
        var m = new double[n];
        var v = new double[n];
        for (int step = 1; step <= 3; step++)
        {
            // A new gradient each step, with both signs, so the moments are not trivially proportional to g.
            var gradient = GradientCheck.Random(1, n, (ulong)(110 + step)).ToArray();
            gradient.CopyTo(vector.Gradient.Span);
            for (int i = 0; i < n; i++)
            {
                scalars[i].Gradient.Span[0] = gradient[i];
            }

            adam.Step();

            for (int i = 0; i < n; i++)
            {
                double g = gradient[i] + (weightDecay * theta[i]);
                m[i] = (beta1 * m[i]) + ((1 - beta1) * g);
                v[i] = (beta2 * v[i]) + ((1 - beta2) * g * g);
                double stepSize = learningRate / (1 - Math.Pow(beta1, step));
                theta[i] -= stepSize * m[i] / ((Math.Sqrt(v[i]) / Math.Sqrt(1 - Math.Pow(beta2, step))) + epsilon);
            }

            for (int i = 0; i < n; i++)
            {
                double error = Math.Abs(vector.Value[0, i] - theta[i]);
                Assert.True(error <= 1e-6 * Math.Abs(theta[i]), $"step {step}, element {i}: {vector.Value[0, i]:G9}, expected {theta[i]:G9}");

                // The vector lanes and the scalar tail compute the same float operations in the same order.
                Assert.Equal(scalars[i].Value[0, 0], vector.Value[0, i]);
            }
        }
    }

    [Fact]
    public void ANegativeLearningRateIsRefusedNamingTheGroup()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new Adam([new ParameterGroup("encoder", [Parameter([1f], [0f])], LearningRate: -0.01f)]));

        Assert.Equal("groups", error.ParamName);
        Assert.Contains("group 'encoder'", error.Message);
        Assert.Contains("learning rate", error.Message);
    }

    [Fact]
    public void ANaNLearningRateIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new Adam([new ParameterGroup("encoder", [Parameter([1f], [0f])], LearningRate: float.NaN)]));

        Assert.Contains("group 'encoder'", error.Message);
    }

    [Fact]
    public void ANegativeWeightDecayIsRefusedNamingTheGroup()
    {
        var error = Assert.Throws<ArgumentException>(() => new Adam([
            new ParameterGroup("encoder", [Parameter([1f], [0f])], LearningRate: 0.01f),
            new ParameterGroup("decoder", [Parameter([1f], [0f])], LearningRate: 0.01f, WeightDecay: -1e-4f),
        ]));

        Assert.Contains("group 'decoder'", error.Message);
        Assert.Contains("weight decay", error.Message);
    }

    [Theory]
    [InlineData(1f, 0.999f, "beta1")]
    [InlineData(-0.1f, 0.999f, "beta1")]
    [InlineData(0.9f, 1f, "beta2")]
    [InlineData(0.9f, -0.5f, "beta2")]
    public void BetasOutsideZeroToOneAreRefused(float beta1, float beta2, string name)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new Adam([new ParameterGroup("all", [Parameter([1f], [0f])], LearningRate: 0.01f)], beta1, beta2));

        Assert.Equal(name, error.ParamName);
    }

    [Fact]
    public void ABetaOfZeroIsAccepted()
    {
        var adam = new Adam([new ParameterGroup("all", [Parameter([1f], [0f])], LearningRate: 0.01f)], beta1: 0f, beta2: 0f);

        Assert.Equal(0f, adam.Beta1);
    }

    [Fact]
    public void AParameterInTwoGroupsIsRefusedByName()
    {
        var shared = new Parameter("conv1.lin.weight", ParameterRole.Weight, new Tensor(1, 3));

        var error = Assert.Throws<ArgumentException>(() => new Adam([
            new ParameterGroup("weights", [shared], LearningRate: 0.01f),
            new ParameterGroup("everything", [shared], LearningRate: 0.001f),
        ]));

        Assert.Contains("parameter 'conv1.lin.weight'", error.Message);
    }

    private static Parameter Parameter(float[] value, float[] gradient)
    {
        var parameter = new Parameter("theta", ParameterRole.Weight, Tensor.FromArray(1, value.Length, value));
        gradient.CopyTo(parameter.Gradient.Span);
        return parameter;
    }

    private static void AssertClose(double[] expected, Parameter actual, double tolerance, string context)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual.Value[0, i] - expected[i]);
            Assert.True(error <= tolerance * (1 + Math.Abs(expected[i])), $"{context}, element {i}: {actual.Value[0, i]:G9}, expected {expected[i]:G9}");
        }
    }
}
