using A2Q.Quant.Tensors;
using A2Q.Quant.Tensors.Kernels;
using A2Q.Quant.Tests.Autograd;
using Xunit;
using static A2Q.Quant.Tests.Support.NaiveReference;

namespace A2Q.Quant.Tests.Tensors.Kernels;

public class GemmTests
{
    // Rows cover a single row, fewer rows than one chunk and several 64-row chunks; columns cover the
    // narrow (8- and 16-padded) path, exact vector widths, and each width plus a scalar tail.
    private static readonly int[] RowCounts = [1, 3, 70, 300];
    private static readonly int[] InnerSizes = [1, 5, 16, 64, 100];
    private static readonly int[] ColumnCounts = [1, 7, 8, 15, 16, 17, 64, 65, 130];


    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MultiplyMatchesTheNaiveProductForEveryShape(bool accumulate)
    {
        using var compute = new ComputeContext(2);
        foreach (var (m, k, n) in Shapes())
        {
            var a = GradientCheck.Random(m, k, Seed(m, k, n, 1));
            var b = GradientCheck.Random(k, n, Seed(m, k, n, 2));
            var c = InitialOutput(m, n, accumulate, Seed(m, k, n, 3));
            var (expected, magnitude) = NaiveProduct(ToDouble(a), ToDouble(b), c, accumulate);

            Gemm.Multiply(compute, a, b, c, accumulate);

            AssertClose(expected, magnitude, c.Span, $"Multiply m={m} k={k} n={n} accumulate={accumulate}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FourRowBlocksGiveTheRowByRowSumsBitForBit(bool accumulate)
    {
        // The blocked product must not change a single result: every element is the same FMA chain.
        using var compute = new ComputeContext(2);
        foreach (var (m, k, n) in Shapes().Append((7, 144, 144)).Append((9, 110, 110)).Append((9, 145, 145)))
        {
            var a = GradientCheck.Random(m, k, Seed(m, k, n, 7));
            var b = GradientCheck.Random(k, n, Seed(m, k, n, 8));
            var c = InitialOutput(m, n, accumulate, Seed(m, k, n, 9));
            var expected = c.Span.ToArray();
            for (int i = 0; i < m; i++)
            {
                RowAccumulator.WeightedRowSum(
                    default, a.Span.Slice(i * k, k), unitWeights: false, identityRows: true, k,
                    ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(b.Buffer), n, expected.AsSpan(i * n, n), accumulate);
            }

            Gemm.Multiply(compute, a, b, c, accumulate);

            Assert.True(expected.SequenceEqual(c.Span.ToArray()), $"m={m} k={k} n={n} accumulate={accumulate}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MultiplyTransposeAMatchesTheNaiveProductForEveryShape(bool accumulate)
    {
        using var compute = new ComputeContext(2);
        foreach (var (m, k, n) in Shapes())
        {
            // C (k×n) = Aᵀ·B with A m×k and B m×n: m is the reduced dimension.
            var a = GradientCheck.Random(m, k, Seed(m, k, n, 4));
            var b = GradientCheck.Random(m, n, Seed(m, k, n, 5));
            var c = InitialOutput(k, n, accumulate, Seed(m, k, n, 6));
            var (expected, magnitude) = NaiveProduct(Transpose(ToDouble(a)), ToDouble(b), c, accumulate);

            Gemm.MultiplyTransposeA(compute, a, b, c, accumulate);

            AssertClose(expected, magnitude, c.Span, $"MultiplyTransposeA m={m} k={k} n={n} accumulate={accumulate}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MultiplyTransposeBMatchesTheNaiveProductForEveryShape(bool accumulate)
    {
        using var compute = new ComputeContext(2);
        foreach (var (m, k, n) in Shapes())
        {
            // C (m×k) = A·Bᵀ with A m×n and B k×n: n is the reduced dimension.
            var a = GradientCheck.Random(m, n, Seed(m, k, n, 7));
            var b = GradientCheck.Random(k, n, Seed(m, k, n, 8));
            var c = InitialOutput(m, k, accumulate, Seed(m, k, n, 9));
            var (expected, magnitude) = NaiveProduct(ToDouble(a), Transpose(ToDouble(b)), c, accumulate);

            Gemm.MultiplyTransposeB(compute, a, b, c, accumulate);

            AssertClose(expected, magnitude, c.Span, $"MultiplyTransposeB m={m} k={k} n={n} accumulate={accumulate}");
        }
    }

    [Fact]
    public void WritingAFirstInputGradientEqualsAddingItToZerosBitForBit()
    {
        // Affine and MatMul write a first input gradient with accumulate: false instead of adding it to a zeroed buffer.
        // That is exact only if no product ends at −0 (+0 + −0 is +0): inputs of signed zeros, cancelling pairs and
        // negative weights make −0 products and exact zero sums.
        using var compute = new ComputeContext(2);
        var levels = new[] { -2f, -1f, -0f, 0f, 0f, 1f, 2f };
        foreach (var (m, k, n) in Shapes())
        {
            var random = new SeededRandom(Seed(m, k, n, 11));
            var gy = new Tensor(m, n, Enumerable.Range(0, m * n).Select(_ => levels[random.NextInt(7)]).ToArray());
            var w = new Tensor(k, n, Enumerable.Range(0, k * n).Select(_ => levels[random.NextInt(7)]).ToArray());
            var added = new Tensor(m, k);
            var written = new Tensor(m, k);
            written.Span.Fill(float.NaN);

            Gemm.MultiplyTransposeB(compute, gy, w, added, accumulate: true);
            Gemm.MultiplyTransposeB(compute, gy, w, written, accumulate: false);

            Assert.Equal(
                added.Span.ToArray().Select(BitConverter.SingleToInt32Bits),
                written.Span.ToArray().Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Fact]
    public void MismatchedShapesAreRefusedWithTheShapesInTheMessage()
    {
        using var compute = new ComputeContext(1);
        var error = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(compute, new Tensor(2, 3), new Tensor(4, 5), new Tensor(2, 5), accumulate: false));
        Assert.Contains("2x3, 4x5 -> 2x5", error.Message);
    }

    [Fact]
    public void ResultsAreBitIdenticalAtOneAndTwoThreads()
    {
        // 3000 rows is 47 row chunks for the products and 12 reduction chunks for Aᵀ·B: both parallel paths run.
        const int m = 3000, k = 64, n = 64;
        var a = GradientCheck.Random(m, k, 11);
        var b = GradientCheck.Random(k, n, 12);
        var bWide = GradientCheck.Random(m, n, 13);
        var bRows = GradientCheck.Random(k, k, 14);

        float[] Run(int threads, Action<ComputeContext, Tensor> product, int rows, int columns)
        {
            using var compute = new ComputeContext(threads);
            var c = new Tensor(rows, columns);
            product(compute, c);
            return c.ToArray();
        }

        void AssertSameAtBothThreadCounts(Action<ComputeContext, Tensor> product, int rows, int columns, string name) =>
            Assert.True(
                Bits(Run(1, product, rows, columns)).SequenceEqual(Bits(Run(2, product, rows, columns))),
                $"{name} differs between 1 and 2 threads");

        AssertSameAtBothThreadCounts((ctx, c) => Gemm.Multiply(ctx, a, b, c, accumulate: false), m, n, "Multiply");
        AssertSameAtBothThreadCounts((ctx, c) => Gemm.MultiplyTransposeA(ctx, a, bWide, c, accumulate: false), k, n, "MultiplyTransposeA");
        AssertSameAtBothThreadCounts((ctx, c) => Gemm.MultiplyTransposeB(ctx, a, bRows, c, accumulate: false), m, k, "MultiplyTransposeB");
    }

    private static IEnumerable<(int M, int K, int N)> Shapes() =>
        from m in RowCounts
        from k in InnerSizes
        from n in ColumnCounts
        select (m, k, n);

    private static ulong Seed(int m, int k, int n, int operand) => (ulong)((((((m * 1000) + k) * 1000) + n) * 10) + operand);

    /// <summary>Random values to add to, or NaN when the product must overwrite (a read of C would show).</summary>
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

    private static double[,] ToDouble(Tensor t)
    {
        var d = new double[t.Rows, t.Columns];
        for (int i = 0; i < t.Rows; i++)
        {
            for (int j = 0; j < t.Columns; j++)
            {
                d[i, j] = t[i, j];
            }
        }

        return d;
    }

    private static double[,] Transpose(double[,] x)
    {
        var t = new double[x.GetLength(1), x.GetLength(0)];
        for (int i = 0; i < x.GetLength(0); i++)
        {
            for (int j = 0; j < x.GetLength(1); j++)
            {
                t[j, i] = x[i, j];
            }
        }

        return t;
    }

    /// <summary>
    /// The triple loop in double, plus Σ|a||b| (+|c₀|) per entry: the scale float rounding errors grow with,
    /// so the tolerance stays meaningful where terms cancel to near zero.
    /// </summary>
    private static (double[] Expected, double[] Magnitude) NaiveProduct(double[,] left, double[,] right, Tensor initial, bool accumulate)
    {
        int m = left.GetLength(0), k = left.GetLength(1), n = right.GetLength(1);
        var expected = new double[m * n];
        var magnitude = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? initial[i, j] : 0;
                double scale = accumulate ? Math.Abs(initial[i, j]) : 0;
                for (int p = 0; p < k; p++)
                {
                    sum += left[i, p] * right[p, j];
                    scale += Math.Abs(left[i, p] * right[p, j]);
                }

                expected[(i * n) + j] = sum;
                magnitude[(i * n) + j] = scale;
            }
        }

        return (expected, magnitude);
    }
}
