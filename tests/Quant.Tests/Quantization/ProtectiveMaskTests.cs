using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors;
using A2Q.Quant.Tests.Support;
using Xunit;

namespace A2Q.Quant.Tests.Quantization;

public class ProtectiveMaskTests
{
    [Fact]
    public void ProbabilityGrowsWithTheInDegreeCdf()
    {
        // in-degrees [0, 1, 1, 3]: CDF 1/4, 3/4, 3/4, 1 → p = 0.1 + 0.1·CDF
        var mask = new ProtectiveMask([0, 1, 1, 3], 0.1f, 0.1f);
        Assert.Equal(new[] { 0.125f, 0.175f, 0.175f, 0.2f }, mask.Probabilities.ToArray(), new FloatTolerance(1e-6f));
    }

    [Fact]
    public void DrawsProtectAboutTheirProbabilityAndClearProtectsNothing()
    {
        var mask = new ProtectiveMask(Enumerable.Repeat(2, 20000).ToArray(), 0.3f, 0f);
        mask.Draw(new CounterRandom(9));
        Assert.InRange(mask.Current.Count(p => p), 5700, 6300);
        mask.Clear();
        Assert.DoesNotContain(true, mask.Current);
    }
}
