using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Tensors;

public class BufferPoolTests
{
    [Theory]
    [InlineData(100, 100)]
    [InlineData(4096, 4096)]
    [InlineData(4097, 4608)]     // 2^12 + 2^9: the next eighth of a power of two
    [InlineData(65_537, 73_728)]
    [InlineData(3_520_000, 3_670_016)]
    public void SizeClassesAreEighthsOfAPowerOfTwo(int length, int sizeClass)
    {
        Assert.Equal(sizeClass, BufferPool.SizeClass(length));
        Assert.True(sizeClass <= length * 1.125 + 1);
    }

    [Fact]
    public void AFreedLargerBufferServesASmallerTensorAndIsClearedOnlyWhereAsked()
    {
        var pool = new BufferPool();
        var big = pool.RentSized(80_000, clear: false);
        big.AsSpan().Fill(7f);
        pool.Return(big);

        // 50 000 floats round to 53 248; the free 81 920 buffer is within twice that, so it is reused.
        var reused = pool.RentSized(50_000, clear: true);
        Assert.Same(big, reused);
        Assert.All(reused.AsSpan(0, 50_000).ToArray(), v => Assert.Equal(0f, v));
        Assert.Equal(7f, reused[50_000]);
        pool.Return(reused);

        // 20 000 floats: the only free buffer is four times the need; it still serves, rather than a fresh one.
        var small = pool.RentSized(20_000, clear: false);
        Assert.Same(big, small);
    }

    [Fact]
    public void ASizedRentalTakesTheShortestFreeBufferThatIsLongEnough()
    {
        var pool = new BufferPool();
        var held = new[] { 300_000, 60_000, 120_000, 30_000 }.Select(n => pool.RentSized(n, clear: false)).ToArray();
        foreach (var buffer in held)
        {
            pool.Return(buffer);
        }

        Assert.Same(held[1], pool.RentSized(50_000, clear: false));
        Assert.Same(held[2], pool.RentSized(50_000, clear: false));
        Assert.Same(held[0], pool.RentSized(50_000, clear: false));
        Assert.NotSame(held[3], pool.RentSized(50_000, clear: false));
    }

    [Fact]
    public void ExactRentalsKeepTheirLength()
    {
        var pool = new BufferPool();
        var a = pool.Rent(5000, clear: true);
        Assert.Equal(5000, a.Length);
        pool.Return(a);
        Assert.Same(a, pool.Rent(5000, clear: false));
    }

    [Fact]
    public void ThePoolHoldsNoMoreFreeBytesThanItEverLentAtOnce()
    {
        var pool = new BufferPool();
        var a = pool.Rent(8000, clear: false);
        pool.Return(a);
        Assert.Equal(32_000, pool.FreeBytes);

        // Lent at most 32 000 bytes at once, so a further 16 000 free bytes would exceed that: b is let go.
        var b = pool.Rent(4000, clear: false);
        pool.Return(b);
        Assert.Equal(32_000, pool.FreeBytes);
        Assert.NotSame(b, pool.Rent(4000, clear: false));
        Assert.Same(a, pool.Rent(8000, clear: false));
        Assert.Equal(0, pool.FreeBytes);
    }

    [Fact]
    public void ABatchOneSizeClassLargerReplacesTheSmallerFreeBuffersInsteadOfBeingDropped()
    {
        var pool = new BufferPool();
        var smaller = Enumerable.Range(0, 3).Select(_ => pool.RentSized(850_000, clear: false)).ToArray();
        foreach (var buffer in smaller)
        {
            pool.Return(buffer);
        }

        // 900 000 floats round to 917 504; the free 851 968 buffers are too short, so the step allocates afresh.
        var larger = Enumerable.Range(0, 3).Select(_ => pool.RentSized(900_000, clear: false)).ToArray();
        Assert.All(larger, buffer => Assert.DoesNotContain(buffer, smaller));
        foreach (var buffer in larger)
        {
            pool.Return(buffer);
        }

        // Keeping all six would exceed the most ever lent at once; the short ones went, so the next batch of either size
        // is served from the long ones, and nothing more is held than the bound allows.
        Assert.True(pool.FreeBytes <= pool.PeakRentedBytes);
        Assert.Contains(pool.RentSized(900_000, clear: false), larger);
        Assert.Contains(pool.RentSized(850_000, clear: false), larger);
        Assert.Contains(pool.RentSized(800_000, clear: false), larger);
    }
}
