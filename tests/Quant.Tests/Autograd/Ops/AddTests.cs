using A2Q.Quant.Autograd;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class AddTests
{
    [Fact]
    public void GradientMatchesFiniteDifferences() =>
        GradientCheck.Assert(v => Functional.Add(v[0], v[1]), GradientCheck.Random(4, 3, 7), GradientCheck.Random(4, 3, 8));

    [Fact]
    public void GradientOfAVariableUsedTwiceAccumulates() =>
        GradientCheck.Assert(v => Functional.Add(v[0], v[0]), GradientCheck.Random(3, 3, 9));
}
