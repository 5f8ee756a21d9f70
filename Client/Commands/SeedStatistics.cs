namespace A2Q.Client.Commands;

/// <summary>Mean and unbiased standard deviation over seeds (the paper's "a ± b").</summary>
internal readonly record struct SeedStatistics(double Mean, double Std)
{
    public static SeedStatistics Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return new SeedStatistics(double.NaN, double.NaN);
        }

        double mean = values.Average();
        double std = values.Count > 1
            ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1))
            : 0;
        return new SeedStatistics(mean, std);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        return n == 0 ? double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }

    public override string ToString() => $"{Mean:F2} ± {Std:F2}";
}
