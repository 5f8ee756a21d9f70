using A2Q.Quant.Autograd;
using A2Q.Quant.Nn;
using A2Q.Quant.Tensors;
using A2Q.Quant.Tests.Autograd;
using Xunit;

namespace A2Q.Quant.Tests.Nn;

public class LinearTests
{
    [Fact]
    public void WeightsAreGlorotUniformAndTheDefaultBiasIsZero()
    {
        var linear = new Linear("lin", 50, 30);

        linear.ResetParameters(new SeededRandom(1));

        // a = √(6 / (50 + 30)); 1500 draws should come close to both ends.
        float bound = MathF.Sqrt(6f / 80f);
        var weights = linear.Weight.Value.ToArray();
        Assert.All(weights, w => Assert.InRange(w, -bound, bound));
        Assert.True(weights.Max() > 0.95f * bound && weights.Min() < -0.95f * bound, $"weights span only [{weights.Min()}, {weights.Max()}]");
        Assert.All(linear.Bias!.Value.ToArray(), b => Assert.Equal(0f, b));
    }

    [Fact]
    public void ThePyTorchDefaultBiasIsUniformInOneOverRootFanIn()
    {
        var linear = new Linear("lin", 16, 400, biasInit: LinearBiasInit.PyTorchDefault);

        linear.ResetParameters(new SeededRandom(2));

        float bound = 1f / MathF.Sqrt(16f);
        var bias = linear.Bias!.Value.ToArray();
        Assert.All(bias, b => Assert.InRange(b, -bound, bound));
        Assert.True(bias.Max() > 0.95f * bound && bias.Min() < -0.95f * bound, $"biases span only [{bias.Min()}, {bias.Max()}]");
    }

    [Fact]
    public void WithoutBiasThereIsOnlyTheWeight()
    {
        var linear = new Linear("lin", 3, 2, bias: false);

        Assert.Null(linear.Bias);
        Assert.Equal(["lin.weight"], linear.Parameters().Select(p => p.Name));
        Assert.Equal(ParameterRole.Weight, linear.Weight.Role);
        Assert.Equal(3, linear.Weight.Rows);
        Assert.Equal(2, linear.Weight.Columns);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ForwardIsXTimesWPlusB(bool bias)
    {
        var linear = new Linear("lin", 5, 19, bias, LinearBiasInit.PyTorchDefault);
        linear.ResetParameters(new SeededRandom(3));
        var x = GradientCheck.Random(4, 5, 104, scale: 1f, away: 0.1f);
        var expected = new double[4, 19];
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 19; j++)
            {
                double sum = bias ? linear.Bias!.Value[0, j] : 0;
                for (int p = 0; p < 5; p++)
                {
                    sum += (double)x[i, p] * linear.Weight.Value[p, j];
                }

                expected[i, j] = sum;
            }
        }

        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var dense = linear.Forward(tape.Constant(x)).Value;
        var sparse = linear.Forward(tape, SparseMatrix.FromDense(x)).Value;

        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 19; j++)
            {
                Assert.Equal(expected[i, j], dense[i, j], 5);
                Assert.Equal(expected[i, j], sparse[i, j], 5);
            }
        }
    }
}
