using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Tensors;

public class SparseMatrixTests
{
    private static readonly float[,] Dense =
    {
        { 0f, 1.5f, 0f, -2f },
        { 0f, 0f, 0f, 0f },
        { 3f, 0f, 0.25f, 0f },
    };

    [Fact]
    public void FromDenseStoresOnlyTheNonZerosAndToDenseRestoresTheMatrix()
    {
        var dense = Tensor.FromRows(Dense);

        var sparse = SparseMatrix.FromDense(dense);

        Assert.Equal(3, sparse.Rows);
        Assert.Equal(4, sparse.Columns);
        Assert.Equal([0, 2, 2, 4], sparse.Pattern.RowPointers);
        Assert.Equal([1, 3, 0, 2], sparse.Pattern.ColumnIndices);
        Assert.Equal([1.5f, -2f, 3f, 0.25f], sparse.Values);
        Assert.Equal(dense.ToArray(), sparse.ToDense().ToArray());
    }

    [Fact]
    public void ToDenseAddsDuplicateEntries()
    {
        var pattern = new CsrPattern(1, 2, [0, 3], [1, 1, 0]);

        var dense = new SparseMatrix(pattern, [1f, 2f, 4f]).ToDense();

        Assert.Equal([4f, 3f], dense.ToArray());
    }

    [Fact]
    public void TransposeCarriesEachValueToTheMirroredPosition()
    {
        var sparse = SparseMatrix.FromDense(Tensor.FromRows(Dense));

        var transposed = sparse.Transpose().ToDense();

        Assert.Equal(4, transposed.Rows);
        Assert.Equal(3, transposed.Columns);
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                Assert.Equal(Dense[i, j], transposed[j, i]);
            }
        }
    }

    [Fact]
    public void TransposedIsBuiltOnceAndUsesThePatternsCachedTranspose()
    {
        var sparse = SparseMatrix.FromDense(Tensor.FromRows(Dense));

        Assert.Same(sparse.Transposed, sparse.Transposed);
        Assert.Same(sparse.Pattern.Transposed.Pattern, sparse.Transposed.Pattern);
    }

    [Fact]
    public void WithValuesKeepsThePatternAndChecksTheLength()
    {
        var sparse = SparseMatrix.FromDense(Tensor.FromRows(Dense));

        var doubled = sparse.WithValues(sparse.Values.Select(v => 2 * v).ToArray());
        Assert.Same(sparse.Pattern, doubled.Pattern);
        Assert.Equal([3f, -4f, 6f, 0.5f], doubled.Values);

        var error = Assert.Throws<ArgumentException>(() => sparse.WithValues([1f, 2f, 3f]));
        Assert.Equal("values", error.ParamName);
        Assert.Contains("3 values for a pattern with 4 stored entries", error.Message);
    }
}
