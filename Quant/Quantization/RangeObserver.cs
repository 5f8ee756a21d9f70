namespace A2Q.Quant.Quantization;

/// <summary>
/// Degree-Quant's range tracking for one quantized tensor: in every training forward the k-th smallest and
/// k-th largest values (percentile p, as torch.kthvalue with k = max(1, ⌊n·p⌋) and ⌊n·(1 − p)⌋) are taken from
/// the elements being quantized, and the range is the running minimum of minima and maximum of maxima (no
/// momentum), or an exponential moving average with momentum (DQ's "STE-MOM" baseline).
/// </summary>
public sealed class RangeObserver(float percentile, float? momentum = null)
{
    /// <summary>The fraction cut from each end of the observed values.</summary>
    public float Percentile => percentile;

    public bool HasRange { get; private set; }

    public float Min { get; private set; }

    public float Max { get; private set; }

    public void Update(Span<float> values) => Update(values.ToArray(), values.Length);

    /// <summary>Observes the first <paramref name="count"/> values of <paramref name="array"/> (left unchanged).</summary>
    public void Update(float[] array, int count, Tensors.ComputeContext? compute = null) => UpdateWithAbsentZeros(array, count, absentZeros: 0, compute);

    /// <summary>
    /// Observes a sparse tensor: its <paramref name="count"/> stored values (left unchanged) and
    /// <paramref name="absentZeros"/> entries it does not store. The percentiles are those of the whole dense tensor,
    /// as torch.kthvalue over DQ's dense x gives them, without materialising the zeros: in sorted order the absent
    /// zeros sit right after the stored negatives.
    /// </summary>
    public void UpdateWithAbsentZeros(float[] array, int count, long absentZeros, Tensors.ComputeContext? compute = null)
    {
        if (absentZeros < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(absentZeros), absentZeros, "a count of absent entries cannot be negative");
        }

        long n = count + absentZeros;
        if (n == 0)
        {
            return;
        }

        long low = Math.Max(1, Math.Min(n, (long)(n * percentile)));
        long high = Math.Min(n, Math.Max(1, (long)(n * (1 - percentile))));
        int negatives = 0;
        if (absentZeros > 0)
        {
            foreach (float v in array.AsSpan(0, count))
            {
                negatives += v < 0f ? 1 : 0;
            }
        }

        // Rank r (0-based) of the dense tensor is stored value r below the zeros, an absent zero inside them, and
        // stored value r − absentZeros above them.
        int? StoredIndex(long rank) => rank < negatives ? (int)rank : rank < negatives + absentZeros ? null : (int)(rank - absentZeros);
        int? lowIndex = StoredIndex(low - 1), highIndex = StoredIndex(high - 1);
        float currentMin = 0f, currentMax = 0f;
        if (lowIndex is not null || highIndex is not null)
        {
            var (a, b) = OrderStatistics.KthSmallestPair(array, count, lowIndex ?? highIndex!.Value, highIndex ?? lowIndex!.Value, compute);
            currentMin = lowIndex is null ? 0f : a;
            currentMax = highIndex is null ? 0f : b;
        }

        Accept(currentMin, currentMax);
    }

    private void Accept(float currentMin, float currentMax)
    {
        if (!HasRange)
        {
            Min = currentMin;
            Max = currentMax;
            HasRange = true;
        }
        else if (momentum is { } m)
        {
            Min += m * (currentMin - Min);
            Max += m * (currentMax - Max);
        }
        else
        {
            Min = Math.Min(Min, currentMin);
            Max = Math.Max(Max, currentMax);
        }
    }

    public void Reset() => HasRange = false;

    /// <summary>Puts back a range read from a checkpoint.</summary>
    internal void Restore(bool hasRange, float min, float max) => (HasRange, Min, Max) = (hasRange, min, max);

    /// <summary>The k-th smallest value (0-based) by quickselect; reorders <paramref name="values"/>.</summary>
    internal static float KthSmallest(Span<float> values, int k)
    {
        int left = 0, right = values.Length - 1;
        while (left < right)
        {
            float pivot = MedianOfThree(values[left], values[left + ((right - left) / 2)], values[right]);
            int i = left, j = right;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                return values[k];
            }
        }

        return values[k];
    }

    private static float MedianOfThree(float a, float b, float c) =>
        Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
}
