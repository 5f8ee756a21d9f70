using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Tensors;

public class CsrPatternTests
{
    [Fact]
    public void FromCoordinatesSortsByRowThenColumnAndKeepsDuplicatesInInputOrder()
    {
        // entry:          0  1  2  3  4  5  6
        int[] rowIndex = [2, 0, 2, 1, 0, 2, 0];
        int[] columnIndex = [1, 3, 0, 2, 3, 1, 0];

        var pattern = CsrPattern.FromCoordinates(3, 4, rowIndex, columnIndex, out var order);

        // row 0: (0,0)#6, (0,3)#1, (0,3)#4; row 1: (1,2)#3; row 2: (2,0)#2, (2,1)#0, (2,1)#5
        Assert.Equal([0, 3, 4, 7], pattern.RowPointers);
        Assert.Equal([0, 3, 3, 2, 0, 1, 1], pattern.ColumnIndices);
        Assert.Equal([6, 1, 4, 3, 2, 0, 5], order);
    }

    [Fact]
    public void FromCoordinatesAgreesWithAStableSortOnRandomInput()
    {
        var random = new SeededRandom(51);
        const int rows = 20, columns = 6, n = 400;
        var rowIndex = Enumerable.Range(0, n).Select(_ => random.NextInt(rows)).ToArray();
        var columnIndex = Enumerable.Range(0, n).Select(_ => random.NextInt(columns)).ToArray();

        var pattern = CsrPattern.FromCoordinates(rows, columns, rowIndex, columnIndex, out var order);

        // LINQ's OrderBy is documented as stable: ties keep their input order.
        var expectedOrder = Enumerable.Range(0, n).OrderBy(k => rowIndex[k]).ThenBy(k => columnIndex[k]).ToArray();
        Assert.Equal(expectedOrder, order);
        Assert.Equal(expectedOrder.Select(k => columnIndex[k]), pattern.ColumnIndices);
        for (int i = 0; i < rows; i++)
        {
            Assert.Equal(rowIndex.Count(r => r == i), pattern.RowLength(i));
        }
    }

    [Fact]
    public void FromCoordinatesRefusesARowOutsideTheMatrix()
    {
        var error = Assert.Throws<ArgumentException>(() => CsrPattern.FromCoordinates(3, 3, [0, 3], [1, 1], out _));
        Assert.Contains("row index 3 at entry 1", error.Message);
    }

    [Fact]
    public void FromCoordinatesRefusesListsOfDifferentLengths()
    {
        var error = Assert.Throws<ArgumentException>(() => CsrPattern.FromCoordinates(3, 3, [0, 1], [1], out _));
        Assert.Contains("differ in length", error.Message);
    }

    [Fact]
    public void TheConstructorRefusesRowPointersOfTheWrongLength()
    {
        var error = Assert.Throws<ArgumentException>(() => new CsrPattern(3, 4, [0, 1, 2], [0, 1]));
        Assert.Equal("rowPointers", error.ParamName);
        Assert.Contains("expected rows + 1 = 4", error.Message);
    }

    [Fact]
    public void TheConstructorRefusesRowPointersThatDoNotSpanTheEntries()
    {
        var notFromZero = Assert.Throws<ArgumentException>(() => new CsrPattern(2, 3, [1, 1, 2], [0, 1]));
        Assert.Equal("rowPointers", notFromZero.ParamName);
        Assert.Contains("start at 0", notFromZero.Message);

        var shortEnd = Assert.Throws<ArgumentException>(() => new CsrPattern(2, 3, [0, 1, 1], [0, 1]));
        Assert.Equal("rowPointers", shortEnd.ParamName);
        Assert.Contains("(2)", shortEnd.Message);
    }

    [Fact]
    public void TheConstructorRefusesDecreasingRowPointers()
    {
        var error = Assert.Throws<ArgumentException>(() => new CsrPattern(3, 3, [0, 2, 1, 3], [0, 1, 2]));
        Assert.Equal("rowPointers", error.ParamName);
        Assert.Contains("decreases at row 1", error.Message);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(-1)]
    public void TheConstructorRefusesAColumnOutsideTheMatrix(int column)
    {
        var error = Assert.Throws<ArgumentException>(() => new CsrPattern(2, 4, [0, 1, 2], [0, column]));
        Assert.Equal("columnIndices", error.ParamName);
        Assert.Contains($"column index {column} is outside [0, 4)", error.Message);
    }

    [Fact]
    public void TransposeMapsEveryEntryToItsMirrorAndRoundTrips()
    {
        var random = new SeededRandom(52);
        const int rows = 15, columns = 9, n = 60;
        var rowIndex = Enumerable.Range(0, n).Select(_ => random.NextInt(rows)).ToArray();
        var columnIndex = Enumerable.Range(0, n).Select(_ => random.NextInt(columns)).ToArray();
        var pattern = CsrPattern.FromCoordinates(rows, columns, rowIndex, columnIndex, out _);

        var transposed = pattern.Transpose(out var permutation);

        Assert.Equal(columns, transposed.Rows);
        Assert.Equal(rows, transposed.Columns);
        Assert.Equal(Enumerable.Range(0, n), permutation.Order());
        var rowOf = RowOfEachEntry(pattern);
        var transposedRowOf = RowOfEachEntry(transposed);
        for (int k = 0; k < n; k++)
        {
            int source = permutation[k];
            Assert.Equal(pattern.ColumnIndices[source], transposedRowOf[k]);
            Assert.Equal(rowOf[source], transposed.ColumnIndices[k]);
        }

        for (int j = 0; j < transposed.Rows; j++)
        {
            var row = transposed.RowColumns(j).ToArray();
            Assert.Equal(row.Order(), row);
        }

        var back = transposed.Transpose(out var backPermutation);
        Assert.Equal(pattern.RowPointers, back.RowPointers);
        Assert.Equal(pattern.ColumnIndices, back.ColumnIndices);
        Assert.Equal(Enumerable.Range(0, n), backPermutation.Select(k => permutation[k]));
    }

    [Fact]
    public void TransposeOfAHandMadePattern()
    {
        // [[0, a, b], [c, 0, d]] → [[0, c], [a, 0], [b, d]]; entries a, b, c, d are 0, 1, 2, 3.
        var pattern = new CsrPattern(2, 3, [0, 2, 4], [1, 2, 0, 2]);

        var transposed = pattern.Transpose(out var permutation);

        Assert.Equal([0, 1, 2, 4], transposed.RowPointers);
        Assert.Equal([1, 0, 0, 1], transposed.ColumnIndices);
        Assert.Equal([2, 0, 1, 3], permutation);
    }

    [Fact]
    public void TransposedIsBuiltOnceAndKept()
    {
        var pattern = new CsrPattern(2, 3, [0, 2, 4], [1, 2, 0, 2]);

        var first = pattern.Transposed;
        var second = pattern.Transposed;

        Assert.Same(first.Pattern, second.Pattern);
        Assert.Same(first.Permutation, second.Permutation);
    }

    [Fact]
    public void RowColumnsAndRowLengthDescribeOneRow()
    {
        var pattern = new CsrPattern(3, 3, [0, 2, 2, 3], [0, 2, 1]);

        Assert.Equal([0, 2], pattern.RowColumns(0).ToArray());
        Assert.Equal(0, pattern.RowLength(1));
        Assert.True(pattern.RowColumns(1).IsEmpty);
        Assert.Equal(3, pattern.NonZeros);
    }

    private static int[] RowOfEachEntry(CsrPattern pattern)
    {
        var rowOf = new int[pattern.NonZeros];
        for (int i = 0; i < pattern.Rows; i++)
        {
            for (int p = pattern.RowPointers[i]; p < pattern.RowPointers[i + 1]; p++)
            {
                rowOf[p] = i;
            }
        }

        return rowOf;
    }
}
