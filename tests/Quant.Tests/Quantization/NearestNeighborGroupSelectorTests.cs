using A2Q.Quant.Quantization;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Quantization;

public class NearestNeighborGroupSelectorTests
{
    private static int[] Select(float[,] x, float[] steps, float[] bits, NearestNeighborSelection selection, int[]? degrees = null)
    {
        using var compute = new ComputeContext(1);
        return NearestNeighborGroupSelector.Select(compute, Tensor.FromRows(x), steps, bits, selection, degrees);
    }

    [Fact]
    public void QmaxFormsDifferByTheMinusOneOfAlgorithm1()
    {
        // s = −0.5 (|s| is used), b = 3.4 → n = 3: authors 2²·0.5 = 2, Algorithm 1 0.5·(2² − 1) = 1.5.
        Assert.Equal(2f, NearestNeighborGroupSelector.MaximumQuantizationValue(NearestNeighborSelection.AuthorsQmax, -0.5f, 3.4f));
        Assert.Equal(1.5f, NearestNeighborGroupSelector.MaximumQuantizationValue(NearestNeighborSelection.Algorithm1, -0.5f, 3.4f));

        // b = 2.5 rounds half to even → n = 2.
        Assert.Equal(1f, NearestNeighborGroupSelector.MaximumQuantizationValue(NearestNeighborSelection.AuthorsQmax, 0.5f, 2.5f));
    }

    [Fact]
    public void TiesGoToTheFirstGroup()
    {
        // Authors' q_max: groups 0 and 2 both 2.0, group 1 is 1.0; f = 2 → groups 0 and 2 tie at distance 0.
        // f = 1.5 lies midway between 1.0 (group 1) and 2.0 (groups 0, 2): argmin's first index is group 0.
        var steps = new[] { 0.5f, 0.5f, 1f };
        var bits = new[] { 3f, 2f, 2f };
        Assert.Equal(new[] { 0, 0, 1 }, Select(new float[,] { { 2f, -1f }, { 0f, -1.5f }, { 0.4f, 1.1f } }, steps, bits, NearestNeighborSelection.AuthorsQmax));

        // Midway with the lower group holding the lower value: 1.5 between group 0 (1.0) and groups 1, 2 (2.0) → group 0.
        Assert.Equal(new[] { 0 }, Select(new float[,] { { 1.5f } }, [0.5f, 0.5f, 1f], [2f, 3f, 2f], NearestNeighborSelection.AuthorsQmax));
    }

    [Fact]
    public void BinarySearchEqualsTheBruteForceArgmin()
    {
        var random = new SeededRandom(20230501);
        int cases = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            int groups = 1 + random.NextInt(40);
            var qmax = new float[groups];
            bool coarse = trial % 2 == 0;
            for (int k = 0; k < groups; k++)
            {
                // Coarse values (multiples of 1/4 from a few levels) give many duplicates and exact midpoints.
                qmax[k] = coarse ? random.NextInt(8) * 0.25f : trial % 3 == 0 ? random.Uniform(0f, 1e-3f) : random.Uniform(-0.5f, 8f);
            }

            if (trial % 7 == 0)
            {
                qmax[random.NextInt(groups)] = -0f;
            }

            int start = groups > 2 ? random.NextInt(groups / 2) : 0;
            int count = groups - start;
            var search = new NearestQmaxSearch(qmax, start, count);
            // Far from tiny q_max values the float distances round together; argmin then takes the lowest k among them.
            var probes = new List<float> { -1f, 0f, 100f, 3000f, random.Uniform(1000f, 5000f) };
            for (int p = 0; p < 6; p++)
            {
                int a = start + random.NextInt(count), b = start + random.NextInt(count);
                probes.Add(qmax[a]);
                probes.Add((qmax[a] + qmax[b]) / 2f);
                probes.Add(random.Uniform(-1f, 9f));
            }

            foreach (float f in probes)
            {
                Assert.Equal(NearestQmaxSearch.BruteForceNearest(f, qmax, start, count), search.Nearest(f));
                cases++;
            }
        }

        Assert.True(cases >= 1000, $"{cases} cases");
    }

    [Fact]
    public void NonFiniteValuesFallBackToTheBruteForce()
    {
        float[] qmax = [1f, float.PositiveInfinity, 3f];
        var search = new NearestQmaxSearch(qmax, 0, 3);
        Assert.Equal(2, search.Nearest(2.5f));
        // A NaN is nearer to nothing: the scan keeps its first group.
        Assert.Equal(0, search.Nearest(float.NaN));
    }

    [Fact]
    public void DegreeBucketsScaleTheAuthorsRanges()
    {
        Assert.Equal((10, 100), NearestNeighborGroupSelector.DegreeBucketBounds(1000));
        Assert.Equal((3, 30), NearestNeighborGroupSelector.DegreeBucketBounds(300));
        Assert.Equal((1, 2), NearestNeighborGroupSelector.DegreeBucketBounds(3));
        Assert.Equal((1, 2), NearestNeighborGroupSelector.DegreeBucketBounds(15));
        Assert.Throws<ArgumentOutOfRangeException>(() => NearestNeighborGroupSelector.DegreeBucketBounds(2));
    }

    [Fact]
    public void DegreeBucketsSearchOnlyInsideTheRowsBucket()
    {
        // m = 1000, all q_max = 2^(4−1)·0.1 = 0.8 except group 500 (q_max 1.6, bucket [100, 1000)) and group 50
        // (q_max 3.2, bucket [10, 100)). Every row has f = 1.6, nearest overall is group 500.
        var steps = Enumerable.Repeat(0.1f, 1000).ToArray();
        var bits = Enumerable.Repeat(4f, 1000).ToArray();
        steps[500] = 0.2f;
        steps[50] = 0.4f;
        var x = new float[,] { { 1.6f }, { -1.6f }, { 1.6f }, { 1.6f }, { 1.6f } };
        int[] degrees = [7, 5, 4, 1, 0];

        // Degree ≥ 5: bucket 0–9, all 0.8 → group 0. Degree 4: bucket 10–99, group 50 (3.2) is 1.6 away, 0.8 is 0.8 away → 10.
        Assert.Equal(new[] { 0, 0, 10, 500, 500 }, Select(x, steps, bits, NearestNeighborSelection.InDegreeBuckets, degrees));
        Assert.Equal(new[] { 500, 500, 500, 500, 500 }, Select(x, steps, bits, NearestNeighborSelection.AuthorsQmax));
    }

    [Fact]
    public void DirectDegreeRuleCapsAtTheLastGroup()
    {
        var x = new float[4, 1];
        var steps = Enumerable.Repeat(0.1f, 1000).ToArray();
        var bits = Enumerable.Repeat(4f, 1000).ToArray();
        Assert.Equal(new[] { 0, 5, 999, 999 }, Select(x, steps, bits, NearestNeighborSelection.InDegreeDirect, [0, 5, 999, 5000]));
    }

    [Theory]
    [InlineData(NearestNeighborSelection.InDegreeBuckets)]
    [InlineData(NearestNeighborSelection.InDegreeDirect)]
    public void DegreeRulesNeedOneDegreePerRow(NearestNeighborSelection selection)
    {
        var x = new float[2, 1];
        float[] steps = [0.1f, 0.2f, 0.3f], bits = [4f, 4f, 4f];
        var missing = Assert.Throws<ArgumentException>(() => Select(x, steps, bits, selection));
        Assert.Contains("no row degrees", missing.Message);
        var wrongLength = Assert.Throws<ArgumentException>(() => Select(x, steps, bits, selection, [1, 2, 3]));
        Assert.Contains("3 row degrees for 2 rows", wrongLength.Message);
        Assert.Throws<ArgumentException>(() => Select(x, steps, bits, selection, [1, -1]));
    }

    [Fact]
    public void QmaxRulesIgnoreDegrees() =>
        Assert.Equal(new[] { 1 }, Select(new float[,] { { 0.15f } }, [1f, 0.1f], [4f, 2f], NearestNeighborSelection.Algorithm1, [1, 2, 3]));
}
