using A2Q.Quant.Autograd;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class AddBiasTests
{
    [Fact]
    public void GradientMatchesFiniteDifferences() =>
        GradientCheck.Assert(v => Functional.AddBias(v[0], v[1]), GradientCheck.Random(6, 5, 5), GradientCheck.Random(1, 5, 6));

    [Fact]
    public void RejectsABiasOfTheWrongWidth()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            GradientCheck.Assert(v => Functional.AddBias(v[0], v[1]), GradientCheck.Random(2, 3, 1), GradientCheck.Random(1, 4, 1)));
        Assert.Contains("1x3", e.Message);
    }
}
