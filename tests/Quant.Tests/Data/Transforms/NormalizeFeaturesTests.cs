using A2Q.Quant.Data.Transforms;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Data.Transforms;

public class NormalizeFeaturesTests
{
    [Fact]
    public void RowsSummingToAtLeastOneAreScaledToSumToOne()
    {
        var features = Csr(3, [[(0, 1f), (2, 3f)], [(1, 2f)]]);

        var normalized = NormalizeFeatures.Normalize(features);

        Assert.Equal([0.25f, 0.75f, 1f], normalized.Values);
    }

    [Fact]
    public void RowsSummingToLessThanOneAndEmptyRowsAreLeftAlone()
    {
        // clamp(min=1) on the row sum: a row summing to 0.5 is divided by 1, an empty row by 1.
        var features = Csr(3, [[(0, 0.25f), (1, 0.25f)], [], [(2, 1f)]]);

        var normalized = NormalizeFeatures.Normalize(features);

        Assert.Equal([0.25f, 0.25f, 1f], normalized.Values);
        Assert.Equal(0, normalized.Pattern.RowLength(1));
    }

    [Fact]
    public void ThePatternIsKeptIncludingExplicitZerosAndTheInputIsUntouched()
    {
        var features = Csr(4, [[(0, 0f), (1, 2f), (3, 2f)]]);
        float[] before = (float[])features.Values.Clone();

        var normalized = NormalizeFeatures.Normalize(features);

        Assert.Same(features.Pattern, normalized.Pattern);
        Assert.Equal([0f, 0.5f, 0.5f], normalized.Values);
        Assert.Equal(before, features.Values);
    }

    [Fact]
    public void AFullyStoredMatrixIsShiftedByItsMinimumFirstAsPyGDoes()
    {
        // PyG: x - x.min() = [[0, 1], [2, 4]], then / clamp(row sums 1, 6).
        var features = Csr(2, [[(0, 1f), (1, 2f)], [(0, 3f), (1, 5f)]]);

        var normalized = NormalizeFeatures.Normalize(features);

        Assert.Equal([0f, 1f, 2f / 6f, 4f / 6f], normalized.Values);
    }

    [Fact]
    public void NegativeEntriesBesideUnstoredZerosAreRefused()
    {
        var features = Csr(3, [[(0, -1f), (1, 2f)]]);

        var error = Assert.Throws<ArgumentException>(() => NormalizeFeatures.Normalize(features));

        Assert.StartsWith("features have a negative entry (-1) and unstored zeros", error.Message);
    }

    [Fact]
    public void ForwardReplacesOnlyTheFeatures()
    {
        var dataset = PlanetoidFixtures.LoadTiny();

        var normalized = new NormalizeFeatures().Forward(dataset);

        Assert.Same(dataset.Graph, normalized.Graph);
        Assert.Same(dataset.Labels, normalized.Labels);
        Assert.Equal([0.5f, 0.125f, 0.375f], normalized.Features.Values[2..5]); // node 1: (2, 0.5, 1.5) / 4
        Assert.Equal([0.25f, 0.25f], normalized.Features.Values[6..8]);       // node 4 sums to 0.5: unchanged
        Assert.Equal(2f, dataset.Features.Values[2]);
    }

    private static SparseMatrix Csr(int columns, (int Column, float Value)[][] rows)
    {
        var rowPointers = new int[rows.Length + 1];
        for (int r = 0; r < rows.Length; r++)
        {
            rowPointers[r + 1] = rowPointers[r] + rows[r].Length;
        }

        var entries = rows.SelectMany(row => row).ToArray();
        return new SparseMatrix(
            new CsrPattern(rows.Length, columns, rowPointers, entries.Select(e => e.Column).ToArray()),
            entries.Select(e => e.Value).ToArray());
    }
}
