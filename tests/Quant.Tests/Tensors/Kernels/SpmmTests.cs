using A2Q.Quant.Tensors;
using A2Q.Quant.Tensors.Kernels;
using A2Q.Quant.Tests.Autograd;
using Xunit;
using static A2Q.Quant.Tests.Support.NaiveReference;

namespace A2Q.Quant.Tests.Tensors.Kernels;

public class SpmmTests
{
    // Widths through every branch of the row accumulator: scalar only, 16, 16 + scalars, 64, 64 + 8 + scalars.
    private static readonly int[] Widths = [1, 7, 16, 33, 64, 70];


    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void MultiplyMatchesTheDenseProduct(bool unitWeights, bool accumulate)
    {
        using var compute = new ComputeContext(2);
        var s = RandomSparse(rows: 300, columns: 40, maxPerRow: 9, seed: 21);
        foreach (int n in Widths)
        {
            var d = GradientCheck.Random(s.Columns, n, (ulong)(100 + n));
            var c = InitialOutput(s.Rows, n, accumulate, (ulong)(200 + n));
            var weights = unitWeights ? Enumerable.Repeat(1f, s.NonZeros).ToArray() : s.Values;
            var (expected, magnitude) = DenseReference(s.Pattern, weights, d, c, accumulate);

            Spmm.Multiply(compute, s.Pattern, unitWeights ? null : s.Values, d, c, accumulate);

            AssertClose(expected, magnitude, c.Span, $"n={n} unitWeights={unitWeights} accumulate={accumulate}");
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void SixteenWideRowsRunSideBySideYetEachKeepsItsOwnChain(bool unitWeights, bool accumulate)
    {
        // Row lengths from 0 to 40 in a random order: chains finish at different entries and take new rows mid-range.
        var s = RandomSparse(rows: 1000, columns: 300, maxPerRow: 40, seed: 28);
        var d = GradientCheck.Random(s.Columns, 16, 29);
        var initial = InitialOutput(s.Rows, 16, accumulate, 30);
        var expected = initial.Clone();
        for (int i = 0; i < s.Rows; i++)
        {
            int begin = s.Pattern.RowPointers[i], count = s.Pattern.RowLength(i);
            RowAccumulator.WeightedRowSum(
                s.Pattern.ColumnIndices.AsSpan(begin, count), unitWeights ? default : s.Values.AsSpan(begin, count), unitWeights,
                identityRows: false, count, ref d.Buffer[0], 16, expected.Buffer.AsSpan(i * 16, 16), accumulate);
        }

        foreach (int threads in new[] { 1, 2 })
        {
            using var compute = new ComputeContext(threads);
            var c = initial.Clone();

            Spmm.Multiply(compute, s.Pattern, unitWeights ? null : s.Values, d, c, accumulate);

            Assert.True(Bits(expected.ToArray()).SequenceEqual(Bits(c.ToArray())), $"threads={threads}");
        }
    }

    [Fact]
    public void AnEmptyRowIsZeroWhenOverwrittenAndUntouchedWhenAccumulated()
    {
        using var compute = new ComputeContext(1);

        // 3×2 with row 1 empty: [[2, 0], [0, 0], [1, 3]].
        var pattern = new CsrPattern(3, 2, [0, 1, 1, 3], [0, 0, 1]);
        float[] values = [2f, 1f, 3f];
        var d = Tensor.FromRows(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });

        var overwritten = new Tensor(3, 3);
        overwritten.Span.Fill(float.NaN);
        Spmm.Multiply(compute, pattern, values, d, overwritten, accumulate: false);
        Assert.Equal([2f, 4f, 6f, 0f, 0f, 0f, 13f, 17f, 21f], overwritten.ToArray());

        var accumulated = new Tensor(3, 3);
        accumulated.Span.Fill(5f);
        Spmm.Multiply(compute, pattern, values, d, accumulated, accumulate: true);
        Assert.Equal([7f, 9f, 11f, 5f, 5f, 5f, 18f, 22f, 26f], accumulated.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ValueGradientIsTheDotOfTheOutputGradientRowAndTheDenseRow(bool accumulate)
    {
        using var compute = new ComputeContext(2);
        var s = RandomSparse(rows: 300, columns: 40, maxPerRow: 9, seed: 22);
        var pattern = s.Pattern;
        foreach (int n in Widths)
        {
            var d = GradientCheck.Random(s.Columns, n, (ulong)(300 + n));
            var gradC = GradientCheck.Random(s.Rows, n, (ulong)(400 + n));
            var initial = GradientCheck.Random(1, s.NonZeros, (ulong)(500 + n)).ToArray();
            var gradValues = accumulate ? (float[])initial.Clone() : Enumerable.Repeat(float.NaN, s.NonZeros).ToArray();
            var expected = new double[s.NonZeros];
            var magnitude = new double[s.NonZeros];
            for (int row = 0; row < pattern.Rows; row++)
            {
                for (int p = pattern.RowPointers[row]; p < pattern.RowPointers[row + 1]; p++)
                {
                    double sum = accumulate ? initial[p] : 0, scale = accumulate ? Math.Abs(initial[p]) : 0;
                    for (int j = 0; j < n; j++)
                    {
                        double term = (double)gradC[row, j] * d[pattern.ColumnIndices[p], j];
                        sum += term;
                        scale += Math.Abs(term);
                    }

                    expected[p] = sum;
                    magnitude[p] = scale;
                }
            }

            Spmm.ValueGradient(compute, pattern, d, gradC, gradValues, accumulate);

            AssertClose(expected, magnitude, gradValues, $"n={n} accumulate={accumulate}");
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void TheTransposedProductEqualsTheProductOnTheTransposeBitForBit(bool unitWeights, bool accumulate)
    {
        // Large enough to run in parallel column blocks; rows repeat columns, so some chains take one row twice.
        var s = RandomSparse(rows: 3000, columns: 400, maxPerRow: 16, seed: 27);
        var transpose = s.Transpose();
        foreach (int n in Widths)
        {
            var d = GradientCheck.Random(s.Rows, n, (ulong)(600 + n));
            var initial = InitialOutput(s.Columns, n, accumulate, (ulong)(700 + n));
            var expected = initial.Clone();
            using (var one = new ComputeContext(1))
            {
                Spmm.Multiply(one, transpose.Pattern, unitWeights ? null : transpose.Values, d, expected, accumulate);
            }

            foreach (int threads in new[] { 1, 2, 3 })
            {
                using var compute = new ComputeContext(threads);
                var c = initial.Clone();

                Spmm.MultiplyTransposed(compute, s.Pattern, unitWeights ? null : s.Values, d, c, accumulate);

                Assert.True(Bits(expected.ToArray()).SequenceEqual(Bits(c.ToArray())), $"n={n} threads={threads} unitWeights={unitWeights} accumulate={accumulate}");
            }
        }
    }

    [Fact]
    public void ResultsAreBitIdenticalAtOneAndTwoThreads()
    {
        // 3000 rows are 24 chunks of 128, and ~8 entries × 64 columns per row is far above the inline threshold.
        var s = RandomSparse(rows: 3000, columns: 400, maxPerRow: 16, seed: 24);
        var d = GradientCheck.Random(s.Columns, 64, 25);
        var gradC = GradientCheck.Random(s.Rows, 64, 26);

        (int[] Product, int[] ValueGradient) Run(int threads)
        {
            using var compute = new ComputeContext(threads);
            var c = new Tensor(s.Rows, 64);
            Spmm.Multiply(compute, s.Pattern, s.Values, d, c, accumulate: false);
            var gradValues = new float[s.NonZeros];
            Spmm.ValueGradient(compute, s.Pattern, d, gradC, gradValues, accumulate: false);
            return (Bits(c.ToArray()), Bits(gradValues));
        }

        var one = Run(1);
        var two = Run(2);
        Assert.True(one.Product.SequenceEqual(two.Product), "Multiply differs between 1 and 2 threads");
        Assert.True(one.ValueGradient.SequenceEqual(two.ValueGradient), "ValueGradient differs between 1 and 2 threads");
    }

    [Fact]
    public void MismatchedShapesAreRefused()
    {
        using var compute = new ComputeContext(1);
        var pattern = new CsrPattern(2, 3, [0, 1, 2], [0, 2]);

        var error = Assert.Throws<ArgumentException>(() =>
            Spmm.Multiply(compute, pattern, null, new Tensor(4, 2), new Tensor(2, 2), accumulate: false));
        var transposedError = Assert.Throws<ArgumentException>(() =>
            Spmm.MultiplyTransposed(compute, pattern, null, new Tensor(2, 2), new Tensor(2, 2), accumulate: false));

        Assert.Contains("2x3 (sparse), 4x2 -> 2x2", error.Message);
        Assert.Contains("(2x3)ᵀ (sparse), 2x2 -> 2x2", transposedError.Message);
    }

    /// <summary>
    /// A random CSR matrix with an empty row (row 1), repeated columns in some rows (duplicates must add up)
    /// and values in ±[0.1, 1).
    /// </summary>
    private static SparseMatrix RandomSparse(int rows, int columns, int maxPerRow, ulong seed)
    {
        var random = new SeededRandom(seed);
        var rowIndex = new List<int>();
        var columnIndex = new List<int>();
        for (int i = 0; i < rows; i++)
        {
            int count = i == 1 ? 0 : random.NextInt(maxPerRow + 1);
            for (int t = 0; t < count; t++)
            {
                rowIndex.Add(i);
                columnIndex.Add(random.NextInt(columns));
            }
        }

        var pattern = CsrPattern.FromCoordinates(rows, columns, rowIndex.ToArray(), columnIndex.ToArray(), out _);
        Assert.Equal(0, pattern.RowLength(1));
        var values = GradientCheck.Random(1, pattern.NonZeros, seed + 1, scale: 1f, away: 0.1f).ToArray();
        return new SparseMatrix(pattern, values);
    }

    private static Tensor InitialOutput(int rows, int columns, bool accumulate, ulong seed)
    {
        if (accumulate)
        {
            return GradientCheck.Random(rows, columns, seed);
        }

        var c = new Tensor(rows, columns);
        c.Span.Fill(float.NaN);
        return c;
    }

    /// <summary>C = S·D in double from the stored entries, and Σ|w·d| (+|c₀|) as the error scale.</summary>
    private static (double[] Expected, double[] Magnitude) DenseReference(CsrPattern s, float[] weights, Tensor d, Tensor initial, bool accumulate)
    {
        int n = d.Columns;
        var expected = new double[s.Rows * n];
        var magnitude = new double[s.Rows * n];
        for (int i = 0; i < s.Rows; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? initial[i, j] : 0, scale = accumulate ? Math.Abs(initial[i, j]) : 0;
                for (int p = s.RowPointers[i]; p < s.RowPointers[i + 1]; p++)
                {
                    double term = (double)weights[p] * d[s.ColumnIndices[p], j];
                    sum += term;
                    scale += Math.Abs(term);
                }

                expected[(i * n) + j] = sum;
                magnitude[(i * n) + j] = scale;
            }
        }

        return (expected, magnitude);
    }
}
