using System.Diagnostics;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Tensors;

public class ComputeContextTests
{
    // Far above ParallelThreshold per item, so every loop with more than one chunk goes to the workers.
    private const long HeavyItem = 1_000_000;

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1, 10, 3)]
    [InlineData(1, 1000, 64)]
    [InlineData(3, 1, 1)]
    [InlineData(3, 7, 0)]
    [InlineData(3, 10, 3)]
    [InlineData(3, 100, 7)]
    [InlineData(3, 1000, 64)]
    [InlineData(3, 1000, 1000)]
    [InlineData(3, 1001, 1000)]
    [InlineData(3, 5000, 1)]
    public void ForCoversEveryIndexExactlyOnce(int threads, int count, int chunkSize)
    {
        using var compute = new ComputeContext(threads);
        var hits = new int[count];

        compute.For(count, chunkSize, HeavyItem, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                Interlocked.Increment(ref hits[i]);
            }
        });

        Assert.All(hits, h => Assert.Equal(1, h));
    }

    [Fact]
    public void ForWithNothingToDoNeverCallsTheBody()
    {
        using var compute = new ComputeContext(3);
        compute.For(0, 16, HeavyItem, (_, _) => Assert.Fail("the body ran for an empty range"));
    }

    [Fact]
    public void ReduceIsBitIdenticalAtOneTwoAndThreeThreadsAndSumsChunksInOrder()
    {
        const int count = 100_000, chunkSize = 1000, lanes = 4;
        var data = OrderSensitiveData(count, seed: 41);

        // Sanity: the data is one where summation order changes the float result.
        float forward = 0f, backward = 0f;
        for (int i = 0; i < count; i++)
        {
            forward += data[i];
            backward += data[count - 1 - i];
        }

        Assert.NotEqual(forward, backward);

        void Body(int start, int end, float[] partial)
        {
            for (int i = start; i < end; i++)
            {
                partial[i % lanes] += data[i];
            }
        }

        // The documented order: each chunk summed sequentially, the chunk partials added in chunk order.
        var expected = new float[lanes];
        for (int chunkStart = 0; chunkStart < count; chunkStart += chunkSize)
        {
            var partial = new float[lanes];
            Body(chunkStart, Math.Min(count, chunkStart + chunkSize), partial);
            for (int lane = 0; lane < lanes; lane++)
            {
                expected[lane] += partial[lane];
            }
        }

        foreach (int threads in new[] { 1, 2, 3 })
        {
            using var compute = new ComputeContext(threads);
            var result = new float[lanes];
            compute.Reduce(count, chunkSize, lanes, workPerItem: 1, Body, result);
            Assert.True(
                expected.Select(BitConverter.SingleToInt32Bits).SequenceEqual(result.Select(BitConverter.SingleToInt32Bits)),
                $"{threads} threads: [{string.Join(", ", result)}], expected [{string.Join(", ", expected)}]");
        }
    }

    [Fact]
    public void ReduceOverNothingClearsTheResult()
    {
        using var compute = new ComputeContext(2);
        var result = new[] { 1f, 2f };

        compute.Reduce(0, 10, 2, HeavyItem, (_, _, _) => Assert.Fail("the body ran for an empty range"), result);

        Assert.Equal([0f, 0f], result);
    }

    [Fact]
    public void AnExceptionInAChunkPropagatesOutOfForWithWorkers()
    {
        using var compute = new ComputeContext(2);

        var error = Assert.Throws<InvalidOperationException>(() =>
            compute.For(100, 1, HeavyItem, (start, _) =>
            {
                if (start == 57)
                {
                    throw new InvalidOperationException("chunk 57 failed");
                }
            }));

        Assert.Equal("chunk 57 failed", error.Message);

        // The pool survives a failed loop: the next one still covers every index.
        var hits = new int[100];
        compute.For(100, 1, HeavyItem, (start, end) => Interlocked.Increment(ref hits[start]));
        Assert.All(hits, h => Assert.Equal(1, h));
    }

    [Fact]
    public void AnExceptionInAChunkPropagatesOutOfForWithoutWorkers()
    {
        using var compute = new ComputeContext(1);

        Assert.Throws<InvalidOperationException>(() =>
            compute.For(100, 1, HeavyItem, (_, _) => throw new InvalidOperationException("inline failure")));
    }

    [Fact]
    public void ContextsCanBeCreatedUsedAndDisposedManyTimesQuickly()
    {
        // Dispose joins the workers, so a worker that never stopped would hang this loop.
        var clock = Stopwatch.StartNew();
        for (int round = 0; round < 50; round++)
        {
            var compute = new ComputeContext(3);
            var hits = new int[64];
            compute.For(64, 1, HeavyItem, (start, _) => Interlocked.Increment(ref hits[start]));
            Assert.All(hits, h => Assert.Equal(1, h));
            compute.Dispose();
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"50 create/use/dispose rounds took {clock.Elapsed}");
    }

    [Fact]
    public void ADisposedContextRefusesParallelWorkAndMayBeDisposedAgain()
    {
        var compute = new ComputeContext(2);
        compute.Dispose();

        Assert.Throws<ObjectDisposedException>(() => compute.For(100, 1, HeavyItem, (_, _) => { }));
        compute.Dispose();
    }

    [Fact]
    public void AThreadCountBelowOneIsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ComputeContext(0));
        Assert.Equal("threads", error.ParamName);
    }

    /// <summary>Values of both signs spread over nine decades, so partial sums lose low bits in an order-dependent way.</summary>
    private static float[] OrderSensitiveData(int count, ulong seed)
    {
        var random = new SeededRandom(seed);
        var data = new float[count];
        for (int i = 0; i < count; i++)
        {
            float magnitude = MathF.Pow(10f, random.Uniform(-3f, 6f));
            data[i] = random.NextFloat() < 0.5f ? -magnitude : magnitude;
        }

        return data;
    }
}
