using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Tensors;

public class SeededRandomTests
{
    [Fact]
    public void TheSameSeedGivesTheSameSequence()
    {
        var first = new SeededRandom(42);
        var second = new SeededRandom(42);
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(first.NextUInt64(), second.NextUInt64());
        }
    }

    [Fact]
    public void DifferentSeedsGiveDifferentSequences()
    {
        var first = new SeededRandom(1);
        var second = new SeededRandom(2);
        var a = Enumerable.Range(0, 100).Select(_ => first.NextUInt64()).ToArray();
        var b = Enumerable.Range(0, 100).Select(_ => second.NextUInt64()).ToArray();

        // Not merely not identical: a decent generator shares no value between two short streams.
        Assert.Empty(a.Intersect(b));
    }

    [Fact]
    public void NextFloatIsInTheHalfOpenUnitInterval()
    {
        var random = new SeededRandom(3);
        float min = 1f, max = 0f;
        for (int i = 0; i < 100_000; i++)
        {
            float u = random.NextFloat();
            Assert.InRange(u, 0f, 1f);
            Assert.NotEqual(1f, u);
            min = Math.Min(min, u);
            max = Math.Max(max, u);
        }

        Assert.True(min < 1e-3f && max > 1f - 1e-3f, $"draws span only [{min}, {max}]");
    }

    [Fact]
    public void NextDoubleIsInTheHalfOpenUnitInterval()
    {
        var random = new SeededRandom(4);
        for (int i = 0; i < 100_000; i++)
        {
            double u = random.NextDouble();
            Assert.True(u is >= 0.0 and < 1.0, $"draw {i} is {u}");
        }
    }

    [Theory]
    [InlineData(-2f, 3f)]
    [InlineData(-0.2738613f, 0.2738613f)]
    [InlineData(5f, 5.5f)]
    public void UniformStaysWithinItsBounds(float low, float high)
    {
        var random = new SeededRandom(5);
        float min = high, max = low;
        for (int i = 0; i < 100_000; i++)
        {
            float u = random.Uniform(low, high);
            Assert.True(u >= low && u < high, $"draw {i} is {u}, outside [{low}, {high})");
            min = Math.Min(min, u);
            max = Math.Max(max, u);
        }

        float width = high - low;
        Assert.True(min < low + (0.01f * width) && max > high - (0.01f * width), $"draws span only [{min}, {max}]");
    }

    [Fact]
    public void NextNormalHasMeanZeroAndStandardDeviationOne()
    {
        const int n = 100_000;
        var random = new SeededRandom(6);
        double sum = 0, sumOfSquares = 0;
        for (int i = 0; i < n; i++)
        {
            double z = random.NextNormal();
            Assert.True(double.IsFinite(z), $"draw {i} is {z}");
            sum += z;
            sumOfSquares += z * z;
        }

        double mean = sum / n;
        double std = Math.Sqrt((sumOfSquares / n) - (mean * mean));

        // Standard errors at n = 100k: 0.0032 for the mean, 0.0022 for the standard deviation.
        Assert.InRange(mean, -0.02, 0.02);
        Assert.InRange(std, 0.98, 1.02);
    }

    [Fact]
    public void NextIntCoversExactlyZeroToNMinusOne()
    {
        var random = new SeededRandom(7);
        var seen = new int[7];
        for (int i = 0; i < 10_000; i++)
        {
            seen[random.NextInt(7)]++;
        }

        Assert.All(seen, count => Assert.InRange(count, 1200, 1650));
        Assert.Throws<ArgumentOutOfRangeException>(() => random.NextInt(0));
    }

    [Fact]
    public void CounterRandomUniformDependsOnlyOnKeyAndIndex()
    {
        var random = new SeededRandom(8);
        var key = random.NextStreamKey().Key;
        var forward = new CounterRandom(key);
        var inOrder = Enumerable.Range(0, 1000).Select(i => forward.Uniform(i)).ToArray();

        // A second stream with the same key, read backwards and with other draws in between, sees the same values.
        var again = new CounterRandom(key);
        for (int i = 999; i >= 0; i--)
        {
            _ = again.Uniform(i + 5000);
            Assert.Equal(inOrder[i], again.Uniform(i));
        }

        var other = new CounterRandom(key + 1);
        Assert.NotEqual(inOrder, Enumerable.Range(0, 1000).Select(i => other.Uniform(i)).ToArray());
        Assert.All(inOrder, u => Assert.True(u is >= 0f and < 1f, $"{u} is outside [0, 1)"));
    }

    [Fact]
    public void StreamKeysComeFromTheSeededSequence()
    {
        Assert.Equal(new SeededRandom(9).NextStreamKey().Key, new SeededRandom(9).NextStreamKey().Key);

        var random = new SeededRandom(9);
        Assert.NotEqual(random.NextStreamKey().Key, random.NextStreamKey().Key);
    }
}
