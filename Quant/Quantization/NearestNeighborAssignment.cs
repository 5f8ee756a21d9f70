namespace A2Q.Quant.Quantization;

/// <summary>
/// Which groups one forward of a <see cref="NearestNeighborQuantizer"/> used: the group of every row, the distinct
/// groups (ascending), and round(|b|) of every group as that forward quantized with it.
/// </summary>
/// <param name="GroupIndices">the group of each row</param>
/// <param name="UsedGroups">distinct groups some row used, ascending: what the memory term counts</param>
/// <param name="GroupIntegerBits">round(|b_k|) (half to even) of every group at the time of the forward</param>
/// <param name="FeatureDimension">the width F of the quantized rows</param>
public sealed record NearestNeighborAssignment(int[] GroupIndices, int[] UsedGroups, int[] GroupIntegerBits, int FeatureDimension)
{
    /// <summary>
    /// Σ_i (round(|b_group(i)|) − 1) over the rows: the authors' per-node bit count (utils/quant_utils.py analysis_bit)
    /// applied to the group each row used. Graph-level scripts print no bits, so this analogue is an assumption
    /// (paper/REPRODUCTION.md §0.5).
    /// </summary>
    public long BitSum
    {
        get
        {
            long sum = 0;
            foreach (int group in GroupIndices)
            {
                sum += GroupIntegerBits[group] - 1;
            }

            return sum;
        }
    }

    /// <summary>Mean over the rows of round(|b_group(i)|) − 1; NaN without rows.</summary>
    public double AverageBits => GroupIndices.Length == 0 ? double.NaN : (double)BitSum / GroupIndices.Length;

    /// <summary>Records a forward: <paramref name="bitWidths"/> are the raw b the forward used.</summary>
    public static NearestNeighborAssignment Of(int[] groupIndices, ReadOnlySpan<float> bitWidths, int featureDimension)
    {
        var used = new bool[bitWidths.Length];
        foreach (int group in groupIndices)
        {
            used[group] = true;
        }

        var usedGroups = new List<int>();
        var integerBits = new int[bitWidths.Length];
        for (int k = 0; k < bitWidths.Length; k++)
        {
            integerBits[k] = (int)MathF.Round(MathF.Abs(bitWidths[k]), MidpointRounding.ToEven);
            if (used[k])
            {
                usedGroups.Add(k);
            }
        }

        return new NearestNeighborAssignment(groupIndices, [.. usedGroups], integerBits, featureDimension);
    }
}
