using A2Q.Quant.Autograd;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class MseLossTests
{
    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        var target = GradientCheck.Random(5, 2, 28);
        GradientCheck.Assert(v => Functional.MseLoss(v[0], target), GradientCheck.Random(5, 2, 29));
    }
}
