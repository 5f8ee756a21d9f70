using A2Q.Quant.Quantization;
using Xunit;

namespace A2Q.Quant.Tests.Quantization;

public class ProtectiveMaskPerGraphTests
{
    [Fact]
    public void TheInDegreeCdfRunsWithinEachGraphOfABatch()
    {
        // Graph 0: in-degrees 1, 1, 2, 4 (CDF 0.5, 0.5, 0.75, 1). Graph 1: 0, 3 (CDF 0.5, 1).
        var mask = new ProtectiveMask([1, 1, 2, 4, 0, 3], [0, 4, 6], lowProbability: 0.1f, changeProbability: 0.1f);
        float[] expected = [0.15f, 0.15f, 0.175f, 0.2f, 0.15f, 0.2f];
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], mask.Probabilities[i], 6);
        }

        mask.UseGraphs([5, 5], [0, 2]);
        Assert.Equal([0.2f, 0.2f], mask.Probabilities);
        Assert.Equal(2, mask.Current.Length);
        Assert.Throws<ArgumentException>(() => mask.UseGraphs([1, 2, 3], [0, 2]));
    }
}
