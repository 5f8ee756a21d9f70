using A2Q.Quant.Autograd;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class MultiplyTests
{
    [Fact]
    public void GradientMatchesFiniteDifferences() =>
        GradientCheck.Assert(v => Functional.Multiply(v[0], v[1]), GradientCheck.Random(4, 18, 10), GradientCheck.Random(4, 18, 11));
}
