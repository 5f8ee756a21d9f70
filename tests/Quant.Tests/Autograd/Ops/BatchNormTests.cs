using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class BatchNormTests
{
    [Fact]
    public void TrainingNormalisesColumnsAndUpdatesRunningStatistics()
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var x = tape.Constant(Tensor.FromRows(new float[,] { { 1, 10 }, { 3, 10 }, { 5, 10 } }));
        var gamma = tape.Constant(Tensor.FromRows(new float[,] { { 1, 1 } }));
        var beta = tape.Constant(Tensor.FromRows(new float[,] { { 0, 0.5f } }));
        var mean = new Tensor(1, 2);
        var variance = new Tensor(1, 2);
        variance.Span.Fill(1f);
        var y = Functional.BatchNorm(x, gamma, beta, mean, variance, training: true);

        float std = MathF.Sqrt((8f / 3f) + 1e-5f);
        Assert.Equal(-2f / std, y.Value[0, 0], 5);
        Assert.Equal(0.5f, y.Value[1, 1], 5);
        Assert.Equal(0.3f, mean[0, 0], 6);              // 0.9·0 + 0.1·3
        Assert.Equal(0.9f + (0.1f * 4f), variance[0, 0], 5); // unbiased batch variance 4
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void GradientMatchesFiniteDifferences(bool training)
    {
        var runningMean = GradientCheck.Random(1, 3, 44);
        var runningVariance = new Tensor(1, 3);
        runningVariance.Span.Fill(0.7f);
        GradientCheck.Assert(
            v => Functional.BatchNorm(v[0], v[1], v[2], runningMean.Clone(), runningVariance.Clone(), training),
            GradientCheck.Random(6, 3, 45, scale: 2f),
            GradientCheck.Random(1, 3, 46),
            GradientCheck.Random(1, 3, 47));
    }
}
