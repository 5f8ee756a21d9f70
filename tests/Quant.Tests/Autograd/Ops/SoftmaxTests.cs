using A2Q.Quant.Autograd;
using Xunit;

namespace A2Q.Quant.Tests.Autograd.Ops;

public class SoftmaxTests
{
    [Fact]
    public void GradientMatchesFiniteDifferences() =>
        GradientCheck.Assert(v => Functional.Softmax(v[0]), GradientCheck.Random(4, 7, 22, scale: 2f));
}
