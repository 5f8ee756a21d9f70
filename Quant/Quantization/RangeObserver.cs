namespace A2Q.Quant.Quantization;

/// <summary>
/// Degree-Quant's range tracking for one quantized tensor: in every training forward the k-th smallest and
/// k-th largest values (percentile p, as torch.kthvalue with k = max(1, ⌊n·p⌋) and ⌊n·(1 − p)⌋) are taken from
/// the elements being quantized, and the range is the running minimum of minima and maximum of maxima (no
/// momentum), or an exponential moving average with momentum (DQ's "STE-MOM" baseline).
/// </summary>
public sealed class RangeObserver(float percentile, float? momentum = null)
{
    public bool HasRange { get; private set; }

    public float Min { get; private set; }

    public float Max { get; private set; }

    public void Update(Span<float> values) => Update(values.ToArray(), values.Length);

    /// <summary>Observes the first <paramref name="count"/> values of <paramref name="array"/> (left unchanged).</summary>
    public void Update(float[] array, int count, Tensors.ComputeContext? compute = null)
    {
        var values = array.AsSpan(0, count);
        if (values.Length == 0)
        {
            return;
        }

        int n = values.Length;
        int low = Math.Max(1, Math.Min(n, (int)(n * percentile)));
        int high = Math.Min(n, Math.Max(1, (int)(n * (1 - percentile))));
        var (currentMin, currentMax) = OrderStatistics.KthSmallestPair(array, count, low - 1, high - 1, compute);
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
