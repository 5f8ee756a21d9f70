using A2Q.Quant.Autograd;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class HeadMeanTests
{
    [Fact]
    public void GradientMatchesFiniteDifferences() =>
        GradientCheck.Assert(v => Functional.HeadMean(v[0], 3), GradientCheck.Random(4, 6, 32));
}
