using A2Q.Quant.Autograd;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class ScaleTests
{
    [Fact]
    public void ScaleGradientMatchesFiniteDifferences() =>
        GradientCheck.Assert(v => Functional.Scale(v[0], -2.5f), GradientCheck.Random(3, 17, 12));

    [Fact]
    public void ScaleByOnePlusGradientMatchesFiniteDifferencesForBothInputs() =>
        GradientCheck.Assert(v => Functional.ScaleByOnePlus(v[0], v[1]), GradientCheck.Random(5, 6, 13), GradientCheck.Random(1, 1, 14, scale: 0.5f));
}
