using System.Globalization;
using A2Q.Quant.Data.Folds;
using Xunit;

namespace A2Q.Quant.Tests.Data.Folds;

public class NumpyRandomStateTests
{
    private const string Fixture = "numpy_random_state.txt";

    public static TheoryData<uint> Seeds => [0u, 1u, 12345u, 4294967295u];

    [Fact]
    public void MatchesTheMt19937ReferenceOutputForItsDefaultSeed()
    {
        // Matsumoto & Nishimura's mt19937ar.c with init_genrand(5489): the 10000th output is 4123659995.
        var random = new NumpyRandomState(5489);
        uint value = 0;
        for (int i = 0; i < 10_000; i++)
        {
            value = random.NextUInt32();
        }

        Assert.Equal(4123659995u, value);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RawWordsMatchNumpy(uint seed)
    {
        var random = new NumpyRandomState(seed);

        uint[] expected = FoldFixtures.Values(Fixture, $"seed={seed} uint32").Select(t => uint.Parse(t, CultureInfo.InvariantCulture)).ToArray();

        Assert.Equal(expected, expected.Select(_ => random.NextUInt32()));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomSampleMatchesNumpyExactly(uint seed)
    {
        var random = new NumpyRandomState(seed);

        double[] expected = FoldFixtures.Values(Fixture, $"seed={seed} random_sample").Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray();

        Assert.Equal(expected, expected.Select(_ => random.RandomSample()));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ShuffleMatchesNumpy(uint seed)
    {
        foreach (int n in new[] { 1, 2, 10, 1000 })
        {
            int[] expected = FoldFixtures.Integers(FoldFixtures.Values(Fixture, $"seed={seed} shuffle{n}"));

            Assert.Equal(expected, new NumpyRandomState(seed).Permutation(n));
        }
    }

    [Fact]
    public void RandomIntervalStaysInRangeAboveThirtyTwoBits()
    {
        var random = new NumpyRandomState(7);
        const ulong max = (1UL << 40) + 3;

        var values = Enumerable.Range(0, 1000).Select(_ => random.RandomInterval(max)).ToList();
        Assert.All(values, v => Assert.InRange(v, 0UL, max));
        Assert.Contains(values, v => v > uint.MaxValue); // all 41 bits drawn, not 32
        Assert.Equal(0UL, random.RandomInterval(0));
    }
}
