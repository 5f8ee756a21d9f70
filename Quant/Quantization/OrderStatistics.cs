using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace A2Q.Quant.Quantization;

/// <summary>
/// Exact k-th smallest values of a large tensor, for Degree-Quant's percentile ranges (the same values
/// torch.kthvalue returns). A quickselect over a 3.5-million-element activation costs tens of milliseconds and runs
/// for every quantized tensor of every training forward, so two cheaper exact routes come first:
/// <list type="number">
/// <item>Thresholds from a strided sample, placed a safe margin beyond each wanted rank, then one vector pass that
/// counts the elements below / equal to / above them and keeps the few beyond. If the counts prove the rank lies
/// among the kept elements (or on the threshold itself), a quickselect over ~2% of the tensor finishes it; a ReLU
/// output, whose low percentile is a tie at 0, needs no selection at all.</item>
/// <item>Otherwise a histogram over [min, max] finds the bin holding each rank and only that bin's elements are
/// selected from. The bin of a value is a monotone function of it, so every element of a lower bin is ≤ every
/// element of a higher one.</item>
/// </list>
/// Both are exact by counting, never by probability: the sample only decides how fast the answer is found.
/// </summary>
internal static class OrderStatistics
{
    private const int Bins = 4096;

    /// <summary>Below this many elements a plain quickselect is cheaper than the histogram.</summary>
    private const int HistogramThreshold = 1 << 15;

    /// <summary>Values sampled (evenly strided) to place the thresholds.</summary>
    private const int SampleSize = 4096;

    /// <summary>
    /// The <paramref name="low"/>-th and <paramref name="high"/>-th smallest (0-based) of the first <paramref name="length"/>
    /// values of <paramref name="array"/>, which is left unchanged.
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
            return Quickselect(values, low, high);
        }

        if (ByThresholds(values, low, high) is { } found)
        {
            return found;
        }

        float min = System.Numerics.Tensors.TensorPrimitives.Min(values);
        float max = System.Numerics.Tensors.TensorPrimitives.Max(values);
        if (!float.IsFinite(min) || !float.IsFinite(max) || min == max)
        {
            return Quickselect(values, low, high);
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

    /// <summary>Quickselect on a copy (the caller's values stay in place).</summary>
    private static (float Low, float High) Quickselect(ReadOnlySpan<float> values, int low, int high)
    {
        var pool = System.Buffers.ArrayPool<float>.Shared;
        var copy = pool.Rent(values.Length);
        values.CopyTo(copy);
        float a = RangeObserver.KthSmallest(copy.AsSpan(0, values.Length), low);
        float b = RangeObserver.KthSmallest(copy.AsSpan(0, values.Length), high);
        pool.Return(copy);
        return (a, b);
    }

    /// <summary>
    /// The sampled-threshold route, or null when the counts do not settle a rank (a sample far off the tensor's
    /// distribution, a rank in the middle, NaN): the caller then takes the histogram route.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static (float Low, float High)? ByThresholds(ReadOnlySpan<float> values, int low, int high)
    {
        int n = values.Length;
        int stride = n / SampleSize;
        var sample = new float[SampleSize];
        for (int s = 0; s < SampleSize; s++)
        {
            sample[s] = values[s * stride];
        }

        Array.Sort(sample);
        if (float.IsNaN(sample[0]))
        {
            return null;
        }

        // The low threshold sits above rank `low`, the high one below rank `high`, each by a margin of four standard
        // deviations of the sample quantile: the rank then falls among the kept elements unless the sample misleads.
        float lowThreshold = sample[SafeSampleIndex(low, n)];
        float highThreshold = sample[SampleSize - 1 - SafeSampleIndex(n - 1 - high, n)];
        int capacity = (n / 8) + 64;
        var pool = System.Buffers.ArrayPool<float>.Shared;
        var below = pool.Rent(capacity);
        var above = pool.Rent(capacity);
        try
        {
            var counts = CountAndKeep(values, lowThreshold, highThreshold, below, above, capacity);
            if (counts is not { } c)
            {
                return null;
            }

            float lowValue, highValue;
            if (low < c.Below)
            {
                lowValue = RangeObserver.KthSmallest(below.AsSpan(0, c.Below), low);
            }
            else if (low < c.Below + c.AtLow)
            {
                lowValue = lowThreshold;
            }
            else
            {
                return null;
            }

            int fromTop = n - 1 - high;
            if (fromTop < c.Above)
            {
                highValue = RangeObserver.KthSmallest(above.AsSpan(0, c.Above), c.Above - 1 - fromTop);
            }
            else if (fromTop < c.Above + c.AtHigh)
            {
                highValue = highThreshold;
            }
            else
            {
                return null;
            }

            return (lowValue, highValue);
        }
        finally
        {
            pool.Return(below);
            pool.Return(above);
        }
    }

    /// <summary>The sample index at quantile (rank + 1)/n plus four standard deviations and eight places, clamped.</summary>
    private static int SafeSampleIndex(int rank, int n)
    {
        double p = (rank + 1.0) / n;
        double index = (p * SampleSize) + (4 * Math.Sqrt(SampleSize * p * (1 - p))) + 8;
        return (int)Math.Min(SampleSize - 1, Math.Ceiling(index));
    }

    /// <summary>
    /// Counts the values below, equal to each threshold and above, keeping those strictly beyond in
    /// <paramref name="below"/> and <paramref name="above"/>; null if more than <paramref name="capacity"/> lie
    /// beyond one threshold or a value is NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int Below, int AtLow, int Above, int AtHigh)? CountAndKeep(
        ReadOnlySpan<float> values, float lowThreshold, float highThreshold, float[] below, float[] above, int capacity)
    {
        ref float vr = ref MemoryMarshal.GetReference(values);
        var lowVector = Vector512.Create(lowThreshold);
        var highVector = Vector512.Create(highThreshold);
        int belowCount = 0, aboveCount = 0, atLow = 0, atHigh = 0;
        int i = 0;
        for (; i + 16 <= values.Length; i += 16)
        {
            var v = Vector512.LoadUnsafe(ref vr, (nuint)i);
            if (!Vector512.EqualsAll(v, v))
            {
                return null;
            }

            ulong less = Vector512.LessThan(v, lowVector).ExtractMostSignificantBits();
            ulong greater = Vector512.GreaterThan(v, highVector).ExtractMostSignificantBits();
            atLow += System.Numerics.BitOperations.PopCount(Vector512.Equals(v, lowVector).ExtractMostSignificantBits());
            atHigh += System.Numerics.BitOperations.PopCount(Vector512.Equals(v, highVector).ExtractMostSignificantBits());
            if (less != 0)
            {
                if (belowCount + 16 > capacity)
                {
                    return null;
                }

                belowCount = Keep(ref vr, i, less, below, belowCount);
            }

            if (greater != 0)
            {
                if (aboveCount + 16 > capacity)
                {
                    return null;
                }

                aboveCount = Keep(ref vr, i, greater, above, aboveCount);
            }
        }

        for (; i < values.Length; i++)
        {
            float v = Unsafe.Add(ref vr, i);
            if (float.IsNaN(v) || belowCount + 1 > capacity || aboveCount + 1 > capacity)
            {
                return null;
            }

            atLow += v == lowThreshold ? 1 : 0;
            atHigh += v == highThreshold ? 1 : 0;
            if (v < lowThreshold)
            {
                below[belowCount++] = v;
            }

            if (v > highThreshold)
            {
                above[aboveCount++] = v;
            }
        }

        return (belowCount, atLow, aboveCount, atHigh);
    }

    /// <summary>Appends the block's values whose bits are set in <paramref name="mask"/>, in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Keep(ref float block, int start, ulong mask, float[] destination, int count)
    {
        while (mask != 0)
        {
            destination[count++] = Unsafe.Add(ref block, start + System.Numerics.BitOperations.TrailingZeroCount(mask));
            mask &= mask - 1;
        }

        return count;
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
