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
        int lowCount = 0, highCount = 0;
        foreach (float v in values)
        {
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
            foreach (float v in values.AsSpan(0, n))
            {
                counts[Bin(v, min, scale)]++;
            }

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
                int end = Math.Min(n, (c + 1) * chunk);
                for (int e = c * chunk; e < end; e++)
                {
                    local[Bin(values[e], min, scale)]++;
                }

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

    private static int Bin(float v, float min, float scale) => Math.Min(Bins - 1, (int)((v - min) * scale));

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
