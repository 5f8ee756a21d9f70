using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class AffineTests
{
    [Theory]
    [InlineData(6, 5, 5)]     // narrower than a vector
    [InlineData(9, 7, 20)]    // two four-row blocks and a row left over; a padded partial vector
    public void GradientMatchesFiniteDifferences(int m, int k, int n) =>
        GradientCheck.Assert(
            v => Functional.Affine(v[0], v[1], v[2]),
            GradientCheck.Random(m, k, 1), GradientCheck.Random(k, n, 2), GradientCheck.Random(1, n, 3));

    [Theory]
    [InlineData(5, 3, 7)]
    [InlineData(7, 64, 64)]
    [InlineData(9, 145, 145)]
    [InlineData(130, 64, 130)]
    public void ValuesAndGradientsEqualMatMulThenAddBias(int m, int k, int n)
    {
        // The fused op must compute exactly what the two ops did (same roundings), so runs do not change.
        var (fusedValue, fusedGrads) = Run(m, k, n, (x, w, b) => Functional.Affine(x, w, b));
        var (separateValue, separateGrads) = Run(m, k, n, (x, w, b) => Functional.AddBias(Functional.MatMul(x, w), b));

        Assert.Equal(separateValue, fusedValue);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(separateGrads[i], fusedGrads[i]);
        }
    }

    [Fact]
    public void RejectsABiasOfTheWrongWidth()
    {
        using var compute = new ComputeContext(1);
        using var tape = new Tape(compute);
        var e = Assert.Throws<ArgumentException>(() => Functional.Affine(
            tape.Constant(new Tensor(2, 3)), tape.Constant(new Tensor(3, 4)), tape.Constant(new Tensor(1, 3))));
        Assert.Contains("1x4", e.Message);
    }

    private static (float[] Value, float[][] Grads) Run(int m, int k, int n, Func<Variable, Variable, Variable, Variable> op)
    {
        using var compute = new ComputeContext(2);
        var inputs = new[] { GradientCheck.Random(m, k, 11), GradientCheck.Random(k, n, 12), GradientCheck.Random(1, n, 13) };
        var parameters = inputs.Select((t, i) => new Parameter($"p{i}", ParameterRole.Weight, t)).ToArray();
        using var tape = new Tape(compute);
        // The input lives on the tape (as a layer's input does); weight and bias are parameters.
        var x = Functional.Add(parameters[0], tape.Constant(new Tensor(m, k)));
        var y = op(x, parameters[1], parameters[2]);
        var loss = Functional.Sum(Functional.Multiply(y, tape.Constant(GradientCheck.Random(m, n, 14))));
        tape.Backward(loss);
        return (y.Value.ToArray(), parameters.Select(p => p.Gradient.ToArray()).ToArray());
    }
}
