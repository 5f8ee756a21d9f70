using A2Q.Quant.Autograd;
using A2Q.Quant.Tensors;
using A2Q.Quant.Tensors.Kernels;

namespace A2Q.Quant.Quantization;

/// <summary>
/// Picks the group of (s, b) each row of a graph-level feature quantizer uses (paper §3.3, Algorithm 1 lines 3–5;
/// the authors' get_scale_index.py). The choice is made without gradient: only the quantization that follows is
/// differentiated (<see cref="Functional.QuantizeNearestNeighbor"/>).
/// </summary>
public static class NearestNeighborGroupSelector
{
    /// <summary>Rows with at least this degree use the first bucket (the authors' deg_interval[0]).</summary>
    public const int HighDegree = 5;

    /// <summary>Rows with at least this degree (and below <see cref="HighDegree"/>) use the second bucket.</summary>
    public const int MiddleDegree = 2;

    /// <summary>
    /// One group index per row of <paramref name="x"/> (rows × F). The q_max rules search q_max values sorted once
    /// per call (<see cref="NearestQmaxSearch"/>), at training and inference alike: the lookup returns exactly the
    /// authors' argmin, so there is no reason to pay O(m) per row while training.
    /// </summary>
    /// <param name="rowDegrees">one degree per row; required by the in-degree rules, ignored by the others</param>
    public static int[] Select(
        ComputeContext compute, Tensor x, ReadOnlySpan<float> stepSizes, ReadOnlySpan<float> bitWidths, NearestNeighborSelection selection, int[]? rowDegrees)
    {
        int groups = stepSizes.Length, rows = x.Rows, columns = x.Columns;
        if (groups < 1 || bitWidths.Length != groups)
        {
            throw new ArgumentException($"{selection}: {groups} step sizes and {bitWidths.Length} bitwidths; need the same positive number of each");
        }

        if (columns < 1 && rows > 0)
        {
            throw new ArgumentException($"{selection}: a {rows}x0 input has no largest feature to match against q_max");
        }

        if (selection is NearestNeighborSelection.InDegreeBuckets or NearestNeighborSelection.InDegreeDirect)
        {
            ValidateDegrees(selection, rowDegrees, rows);
        }

        var indices = new int[rows];
        if (selection == NearestNeighborSelection.InDegreeDirect)
        {
            for (int i = 0; i < rows; i++)
            {
                indices[i] = Math.Min(rowDegrees![i], groups - 1);
            }

            return indices;
        }

        var qmax = new float[groups];
        for (int k = 0; k < groups; k++)
        {
            qmax[k] = MaximumQuantizationValue(selection, stepSizes[k], bitWidths[k]);
        }

        NearestQmaxSearch[] searches;
        if (selection == NearestNeighborSelection.InDegreeBuckets)
        {
            var (highEnd, middleEnd) = DegreeBucketBounds(groups);
            searches = [new(qmax, 0, highEnd), new(qmax, highEnd, middleEnd - highEnd), new(qmax, middleEnd, groups - middleEnd)];
        }
        else
        {
            searches = [new(qmax, 0, groups)];
        }

        var xs = x.Buffer;
        int searchDepth = 1 + (int)Math.Log2(groups);
        compute.For(rows, 256, columns + searchDepth, (begin, end) =>
        {
            for (int i = begin; i < end; i++)
            {
                float rowMaximum = MaxMagnitudeKernel.AbsoluteMaximum(xs.AsSpan(i * columns, columns));
                indices[i] = searches[rowDegrees is null || searches.Length == 1 ? 0 : Bucket(rowDegrees[i])].Nearest(rowMaximum);
            }
        });
        return indices;
    }

    /// <summary>
    /// q_max of one group with n = round(|b|) half to even: |s|·(2^(n−1) − 1) for <see cref="NearestNeighborSelection.Algorithm1"/>,
    /// the authors' 2^(n−1)·|s| for every other rule (the bucketed search uses it too).
    /// </summary>
    public static float MaximumQuantizationValue(NearestNeighborSelection selection, float stepSize, float bitWidth)
    {
        float step = MathF.Abs(stepSize);
        if (selection == NearestNeighborSelection.Algorithm1)
        {
            return step * Functional.QuantizationLevels(bitWidth);
        }

        float n = MathF.Round(MathF.Abs(bitWidth), MidpointRounding.ToEven);
        return MathF.Pow(2f, n - 1f) * step;
    }

    /// <summary>
    /// Ends of the first two degree buckets of <see cref="NearestNeighborSelection.InDegreeBuckets"/>: the authors'
    /// 10 and 100 of m = 1000, scaled as ⌊m/100⌋ and ⌊m/10⌋, widened so every bucket keeps at least one group
    /// (m = 1000 → 10, 100; m = 300 → 3, 30; m = 3 → 1, 2).
    /// </summary>
    public static (int HighDegreeEnd, int MiddleDegreeEnd) DegreeBucketBounds(int groups)
    {
        if (groups < 3)
        {
            throw new ArgumentOutOfRangeException(nameof(groups), groups, "degree buckets need at least 3 groups, one per bucket");
        }

        int highEnd = Math.Max(1, groups / 100);
        int middleEnd = Math.Clamp(groups / 10, highEnd + 1, groups - 1);
        return (highEnd, middleEnd);
    }

    private static int Bucket(int degree) => degree >= HighDegree ? 0 : degree >= MiddleDegree ? 1 : 2;

    private static void ValidateDegrees(NearestNeighborSelection selection, int[]? rowDegrees, int rows)
    {
        if (rowDegrees is null)
        {
            throw new ArgumentException($"{selection} picks groups by row degree, but no row degrees were given (pass one degree per row)", nameof(rowDegrees));
        }

        if (rowDegrees.Length != rows)
        {
            throw new ArgumentException($"{selection}: {rowDegrees.Length} row degrees for {rows} rows", nameof(rowDegrees));
        }

        foreach (int degree in rowDegrees)
        {
            if (degree < 0)
            {
                throw new ArgumentException($"{selection}: negative row degree {degree}", nameof(rowDegrees));
            }
        }
    }
}
