namespace A2Q.Quant.Quantization;

/// <summary>
/// The q_max values of a range of groups, sorted once per forward so each row finds its nearest group by binary
/// search in O(log m) (paper §3.3: "q_max can be calculated and sorted in advance, searching the nearest q_max can be
/// implemented by binary searching"). The answer is exactly the authors' argmin_k (f − q_max,k)² over float32
/// distances with the lowest k on ties, i.e. <see cref="BruteForceNearest"/>:
/// equal q_max values collapse to their lowest k; and since the float distance is monotone in q_max on each side of f
/// (a correctly rounded subtraction and square never reverse an order), the minimisers form one run of
/// neighbouring sorted values around f, which the lookup scans to take the lowest k. The run has one or two values
/// unless rounding makes more distances equal, so the scan is O(1) in practice.
/// </summary>
internal sealed class NearestQmaxSearch
{
    private readonly float[] qmax;
    private readonly int start;
    private readonly int count;

    /// <summary>Distinct q_max values, ascending.</summary>
    private readonly float[] values = [];

    /// <summary>The lowest group index holding each distinct value.</summary>
    private readonly int[] lowestGroup = [];

    /// <summary>A NaN or infinite q_max has no order to search; such a table answers by brute force.</summary>
    private readonly bool searchable;

    /// <param name="qmax">q_max of every group; the table covers groups [start, start + count).</param>
    public NearestQmaxSearch(float[] qmax, int start, int count)
    {
        if (count < 1 || start < 0 || start + count > qmax.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"groups [{start}, {start + count}) of {qmax.Length}");
        }

        this.qmax = qmax;
        this.start = start;
        this.count = count;
        var range = qmax.AsSpan(start, count);
        searchable = AllFinite(range);
        if (!searchable)
        {
            return;
        }

        var keys = range.ToArray();
        var groups = new int[count];
        for (int j = 0; j < count; j++)
        {
            groups[j] = start + j;
        }

        Array.Sort(keys, groups);
        var distinct = new List<float>(count);
        var lowest = new List<int>(count);
        for (int j = 0; j < count; j++)
        {
            // == (not bit equality) so −0 and +0, which are equally far from every f, share one entry.
            if (distinct.Count > 0 && keys[j] == distinct[^1])
            {
                lowest[^1] = Math.Min(lowest[^1], groups[j]);
            }
            else
            {
                distinct.Add(keys[j]);
                lowest.Add(groups[j]);
            }
        }

        values = [.. distinct];
        lowestGroup = [.. lowest];
    }

    /// <summary>The group whose q_max is nearest to <paramref name="rowMaximum"/>, lowest index on ties.</summary>
    public int Nearest(float rowMaximum)
    {
        if (!searchable || !float.IsFinite(rowMaximum))
        {
            return BruteForceNearest(rowMaximum, qmax, start, count);
        }

        // First value ≥ f: the best value below f is at above − 1, the best above at `above` (monotone distances).
        int above = LowerBound(rowMaximum);
        float best = float.PositiveInfinity;
        if (above > 0)
        {
            best = Distance(rowMaximum, values[above - 1]);
        }

        if (above < values.Length)
        {
            best = MathF.Min(best, Distance(rowMaximum, values[above]));
        }

        int group = int.MaxValue;
        for (int j = above - 1; j >= 0 && Distance(rowMaximum, values[j]) == best; j--)
        {
            group = Math.Min(group, lowestGroup[j]);
        }

        for (int j = above; j < values.Length && Distance(rowMaximum, values[j]) == best; j++)
        {
            group = Math.Min(group, lowestGroup[j]);
        }

        return group;
    }

    /// <summary>
    /// The authors' torch argmin over (f − q_max,k)² in float32, first index on ties: the reference. A NaN distance
    /// (diverged parameters or inputs) loses to any number, where torch would pick the NaN; only a diverged run differs.
    /// </summary>
    public static int BruteForceNearest(float rowMaximum, ReadOnlySpan<float> qmax, int start, int count)
    {
        int group = start;
        float best = Distance(rowMaximum, qmax[start]);
        for (int k = start + 1; k < start + count; k++)
        {
            float distance = Distance(rowMaximum, qmax[k]);
            if (distance < best || (float.IsNaN(best) && !float.IsNaN(distance)))
            {
                best = distance;
                group = k;
            }
        }

        return group;
    }

    private static float Distance(float rowMaximum, float qmax)
    {
        float difference = rowMaximum - qmax;
        return difference * difference;
    }

    private static bool AllFinite(ReadOnlySpan<float> range)
    {
        foreach (float value in range)
        {
            if (!float.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }

    private int LowerBound(float rowMaximum)
    {
        int low = 0, high = values.Length;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (values[middle] < rowMaximum)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
