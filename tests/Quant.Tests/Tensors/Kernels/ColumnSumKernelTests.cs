using System.Numerics.Tensors;
using A2Q.Quant.Tensors;
using A2Q.Quant.Tensors.Kernels;
using Xunit;
using static A2Q.Quant.Tests.Support.NaiveReference;

namespace A2Q.Quant.Tests.Tensors.Kernels;

public class ColumnSumKernelTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(33)]
    [InlineData(64)]
    [InlineData(70)]
    [InlineData(145)]
    public void SumsEachColumnRowByRowExactlyAsAddingOneRowAtATime(int columns)
    {
        // Magnitudes from 1e-3 to 1e3 make the sums order-sensitive: any other order of additions changes bits.
        const int rows = 300;
        var random = new SeededRandom((ulong)columns);
        var values = Enumerable.Range(0, rows * columns).Select(k => random.Uniform(-1f, 1f) * MathF.Pow(10f, (k % 7) - 3)).ToArray();
        var initial = Enumerable.Range(0, columns).Select(_ => random.Uniform(-5f, 5f)).ToArray();
        const int start = 13, end = 287;

        var expected = (float[])initial.Clone();
        for (int i = start; i < end; i++)
        {
            TensorPrimitives.Add(expected, values.AsSpan(i * columns, columns), expected);
        }

        var sums = (float[])initial.Clone();
        ColumnSumKernel.AddRows(values, columns, start, end, sums);

        Assert.Equal(Bits(expected), Bits(sums));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(40)]
    [InlineData(64)]
    [InlineData(145)]
    public void SumsOfRowsAndOfProductsInOnePassEqualTwoPassesOverTheRowsAndAProductTensor(int columns)
    {
        const int rows = 300, start = 5, end = 299;
        var random = new SeededRandom(100 + (ulong)columns);
        var values = Enumerable.Range(0, rows * columns).Select(k => random.Uniform(-1f, 1f) * MathF.Pow(10f, (k % 7) - 3)).ToArray();
        var factors = Enumerable.Range(0, rows * columns).Select(k => random.Uniform(-3f, 3f)).ToArray();
        var initialSums = Enumerable.Range(0, columns).Select(_ => random.Uniform(-5f, 5f)).ToArray();
        var initialProducts = Enumerable.Range(0, columns).Select(_ => random.Uniform(-5f, 5f)).ToArray();

        var expectedSums = (float[])initialSums.Clone();
        ColumnSumKernel.AddRows(values, columns, start, end, expectedSums);
        var product = new float[values.Length];
        TensorPrimitives.Multiply(values, factors, product);
        var expectedProducts = (float[])initialProducts.Clone();
        ColumnSumKernel.AddRows(product, columns, start, end, expectedProducts);

        var sums = (float[])initialSums.Clone();
        var products = (float[])initialProducts.Clone();
        ColumnSumKernel.AddRowsAndProducts(values, factors, columns, start, end, sums, products);

        Assert.Equal(Bits(expectedSums), Bits(sums));
        Assert.Equal(Bits(expectedProducts), Bits(products));
    }

    [Fact]
    public void RowsBeyondTheBufferAreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => ColumnSumKernel.AddRows(new float[10], 4, 0, 3, new float[4]));

        Assert.Contains("rows 0…3 of width 4 in 10 floats", error.Message);
    }
}
