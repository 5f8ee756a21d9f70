using A2Q.Quant.Data;
using Xunit;

namespace A2Q.Quant.Tests.Data;

public class PlanetoidFileReaderTests
{
    [Fact]
    public void ReadsTheTinyLabelsAsARowMajorMatrix()
    {
        var (rows, columns, values) = PlanetoidFileReader.ReadIntegerMatrix(PlanetoidFixtures.TinyFile("ally"));

        Assert.Equal((6, 3), (rows, columns));
        Assert.Equal([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1], values);
    }

    [Fact]
    public void ReadsTheTinyAdjacencyInFileOrder()
    {
        var adjacency = PlanetoidFileReader.ReadAdjacency(PlanetoidFixtures.TinyFile("graph"));

        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 8, 9], adjacency.Select(a => a.Node));
        Assert.Equal([3, 1, 4], adjacency[3].Neighbours);
    }

    [Fact]
    public void ReadsTheTestIndexInFileOrder()
    {
        Assert.Equal([9, 6, 8], PlanetoidFileReader.ReadTestIndex(PlanetoidFixtures.TinyFile("test.index")));
    }

    [Fact]
    public void AFloatArrayWhereIntegersBelongIsAWrongDtype()
    {
        string path = PlanetoidFixtures.SingleFile("labels-float64.pickle");

        var error = Assert.Throws<DatasetFormatException>(() => PlanetoidFileReader.ReadIntegerMatrix(path));

        Assert.Equal($"{path}: wrong dtype: the label array is float64, expected an integer array (int32 or int64)", error.Message);
    }

    [Fact]
    public void AnIndptrThatDisagreesWithTheShapeIsReported()
    {
        string path = PlanetoidFixtures.SingleFile("indptr-longer-than-shape.pickle");

        var error = Assert.Throws<DatasetFormatException>(() => PlanetoidFileReader.ReadFeatures(path));

        Assert.Equal($"{path}: shape mismatch: indptr has 4 entries but _shape (2, 4) needs 3", error.Message);
    }

    [Fact]
    public void AColumnOutsideTheShapeIsReported()
    {
        string path = PlanetoidFixtures.SingleFile("column-out-of-range.pickle");

        var error = Assert.Throws<DatasetFormatException>(() => PlanetoidFileReader.ReadFeatures(path));

        Assert.Equal($"{path}: row 1 stores column 7, outside the 4 columns of _shape", error.Message);
    }

    [Fact]
    public void AFileHoldingTheWrongKindOfObjectIsReported()
    {
        string path = PlanetoidFixtures.TinyFile("graph");

        var error = Assert.Throws<DatasetFormatException>(() => PlanetoidFileReader.ReadFeatures(path));

        Assert.Equal($"{path}: expected a pickled scipy.sparse csr_matrix, found a dict of 9", error.Message);
    }
}
