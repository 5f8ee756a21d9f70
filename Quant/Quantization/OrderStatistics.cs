using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace A2Q.Quant.Quantization;

/// <summary>
/// Exact k-th smallest values of a large tensor, for Degree-Quant's percentile ranges. A quickselect over a
/// 3.5-million-element activation costs tens of milliseconds and runs twice per quantizer per forward; instead a
/// histogram over [min, max] finds the bin holding each rank, and only that bin's elements are selected from.
/// The bin of a value is a monotone function of it, so every element of a lower bin is ≤ every element of a
/// higher one and the answer is exact (the same value torch.kthvalue returns).
/// </summary>
internal static class OrderStatistics
{
    private const int Bins = 4096;

    /// <summary>Below this many elements a plain quickselect is cheaper than the histogram.</summary>
    private const int HistogramThreshold = 1 << 15;

    /// <summary>
    /// The <paramref name="low"/>-th and <paramref name="high"/>-th smallest (0-based) of the first <paramref name="length"/>
    /// values; may reorder them.
    /// </summary>
    /// <param name="compute">counts the histogram in parallel chunks (integer counts: the same at any thread count)</param>
    public static (float Low, float High) KthSmallestPair(float[] array, int length, int low, int high, Tensors.ComputeContext? compute = null)
    {
        var values = array.AsSpan(0, length);
        int n = length;
        if ((uint)low >= (uint)n || (uint)high >= (uint)n)
        {
            throw new ArgumentOutOfRangeException(nameof(low), $"ranks {low} and {high} for {n} values");
        }

        if (n < HistogramThreshold)
        {
            float a = RangeObserver.KthSmallest(values, low);
            float b = RangeObserver.KthSmallest(values, high);
            return (a, b);
        }

        float min = System.Numerics.Tensors.TensorPrimitives.Min(values);
        float max = System.Numerics.Tensors.TensorPrimitives.Max(values);
        if (!float.IsFinite(min) || !float.IsFinite(max) || min == max)
        {
            float a = RangeObserver.KthSmallest(values, low);
            float b = RangeObserver.KthSmallest(values, high);
            return (a, b);
        }

        float scale = Bins / (max - min);
        var counts = Histogram(array, length, min, scale, compute);

        var (lowBin, lowBefore) = Locate(counts, low);
        var (highBin, highBefore) = Locate(counts, high);
        // The two bins' members, from a shared pool: a ReLU output puts half its elements in the bin of 0.
        var pool = System.Buffers.ArrayPool<float>.Shared;
        var lowMembers = pool.Rent(counts[lowBin]);
        var highMembers = highBin == lowBin ? lowMembers : pool.Rent(counts[highBin]);
        CollectMembers(values, min, scale, lowBin, highBin, lowMembers, highMembers);

        float lowValue = RangeObserver.KthSmallest(lowMembers.AsSpan(0, counts[lowBin]), low - lowBefore);
        float highValue = RangeObserver.KthSmallest(highMembers.AsSpan(0, counts[highBin]), high - highBefore);
        pool.Return(lowMembers);
        if (!ReferenceEquals(highMembers, lowMembers))
        {
            pool.Return(highMembers);
        }

        return (lowValue, highValue);
    }

    private static int[] Histogram(float[] values, int n, float min, float scale, Tensors.ComputeContext? compute)
    {
        var counts = new int[Bins];
        if (compute is null || compute.Threads == 1)
        {
            Count(values.AsSpan(0, n), min, scale, counts);
            return counts;
        }

        int chunk = Tensors.ComputeContext.ElementwiseChunk * 4;
        int chunks = (n + chunk - 1) / chunk;
        var partial = new int[chunks][];
        compute.For(chunks, 1, chunk, (first, last) =>
        {
            for (int c = first; c < last; c++)
            {
                var local = new int[Bins];
                int start = c * chunk;
                Count(values.AsSpan(start, Math.Min(n, start + chunk) - start), min, scale, local);
                partial[c] = local;
            }
        });
        foreach (var local in partial)
        {
            for (int b = 0; b < Bins; b++)
            {
                counts[b] += local[b];
            }
        }

        return counts;
    }

    /// <summary>
    /// Adds each value's bin to <paramref name="counts"/>. Bins are computed 16 at a time; the increments go to four
    /// interleaved sub-histograms, because consecutive elements often share a bin (a ReLU output is half zeros) and
    /// increments of one counter wait on each other.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Count(ReadOnlySpan<float> values, float min, float scale, int[] counts)
    {
        var sub = new int[4 * Bins];
        Span<int> bins = stackalloc int[16];
        ref float vr = ref MemoryMarshal.GetReference(values);
        int i = 0;
        for (; i + 16 <= values.Length; i += 16)
        {
            VectorBins(Vector512.LoadUnsafe(ref vr, (nuint)i), min, scale).CopyTo(bins);
            for (int lane = 0; lane < 16; lane += 4)
            {
                sub[bins[lane]]++;
                sub[Bins + bins[lane + 1]]++;
                sub[(2 * Bins) + bins[lane + 2]]++;
                sub[(3 * Bins) + bins[lane + 3]]++;
            }
        }

        for (; i < values.Length; i++)
        {
            sub[Bin(Unsafe.Add(ref vr, i), min, scale)]++;
        }

        for (int b = 0; b < Bins; b++)
        {
            counts[b] += sub[b] + sub[Bins + b] + sub[(2 * Bins) + b] + sub[(3 * Bins) + b];
        }
    }

    /// <summary>Copies the values of bins <paramref name="lowBin"/> and <paramref name="highBin"/>, in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CollectMembers(ReadOnlySpan<float> values, float min, float scale, int lowBin, int highBin, float[] lowMembers, float[] highMembers)
    {
        int lowCount = 0, highCount = 0;
        var low = Vector512.Create(lowBin);
        var high = Vector512.Create(highBin);
        ref float vr = ref MemoryMarshal.GetReference(values);
        int i = 0;
        for (; i < values.Length; i++)
        {
            if (i + 16 <= values.Length && (i & 15) == 0)
            {
                var bins = VectorBins(Vector512.LoadUnsafe(ref vr, (nuint)i), min, scale);
                if ((Vector512.Equals(bins, low) | Vector512.Equals(bins, high)) == Vector512<int>.Zero)
                {
                    // Most blocks hold no member of either bin: skip them whole.
                    i += 15;
                    continue;
                }
            }

            float v = Unsafe.Add(ref vr, i);
            int bin = Bin(v, min, scale);
            if (bin == lowBin)
            {
                lowMembers[lowCount++] = v;
            }
            else if (bin == highBin)
            {
                highMembers[highCount++] = v;
            }
        }
    }

    private static int Bin(float v, float min, float scale) => Math.Min(Bins - 1, (int)((v - min) * scale));

    /// <summary><see cref="Bin"/> of 16 values: the same truncation, product and clamp per lane.</summary>
    private static Vector512<int> VectorBins(Vector512<float> v, float min, float scale) =>
        Vector512.Min(Vector512.ConvertToInt32((v - Vector512.Create(min)) * Vector512.Create(scale)), Vector512.Create(Bins - 1));

    /// <summary>The bin holding rank <paramref name="k"/> and how many elements lie in lower bins.</summary>
    private static (int Bin, int Before) Locate(int[] counts, int k)
    {
        int before = 0;
        for (int b = 0; b < counts.Length; b++)
        {
            if (k < before + counts[b])
            {
                return (b, before);
            }

            before += counts[b];
        }

        throw new InvalidOperationException($"rank {k} is beyond the {before} counted values");
    }
}
