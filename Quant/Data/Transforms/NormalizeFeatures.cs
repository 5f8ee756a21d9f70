using A2Q.Quant.Tensors;

namespace A2Q.Quant.Data.Transforms;

/// <summary>
/// Row-normalises node features to sum to one, PyG's <c>NormalizeFeatures</c>:
/// <c>x = x - x.min(); x = x / x.sum(-1, keepdim=True).clamp(min=1)</c>.
/// The clamp leaves rows that sum to less than one (empty rows included) unscaled.
/// </summary>
public sealed class NormalizeFeatures : BaseTransform
{
    public override NodeClassificationDataset Forward(NodeClassificationDataset dataset) =>
        dataset.WithFeatures(Normalize(dataset.Features));

    /// <summary>Same pattern (explicit zeros stay stored), new values.</summary>
    public static SparseMatrix Normalize(SparseMatrix features)
    {
        float shift = DenseMinimum(features);
        var pattern = features.Pattern;
        var values = new float[features.NonZeros];
        for (int row = 0; row < features.Rows; row++)
        {
            int start = pattern.RowPointers[row], end = pattern.RowPointers[row + 1];
            float sum = 0f;
            for (int p = start; p < end; p++)
            {
                sum += features.Values[p] - shift;
            }

            // Divide rather than multiply by a reciprocal, to round exactly as PyG's div_ does.
            float divisor = Math.Max(sum, 1f);
            for (int p = start; p < end; p++)
            {
                values[p] = (features.Values[p] - shift) / divisor;
            }
        }

        return features.WithValues(values);
    }

    /// <summary>
    /// PyG (2.3+) first subtracts the matrix minimum. For bag-of-words features that minimum is an unstored zero,
    /// so the shift is a no-op; a negative minimum with unstored zeros would make every entry non-zero, which a
    /// sparse matrix cannot express, so that case is refused rather than silently computed differently.
    /// </summary>
    private static float DenseMinimum(SparseMatrix features)
    {
        bool hasUnstoredZeros = (long)features.Rows * features.Columns > features.NonZeros;
        float storedMinimum = features.NonZeros > 0 ? features.Values.Min() : 0f;
        if (!hasUnstoredZeros)
        {
            return features.NonZeros > 0 ? storedMinimum : 0f;
        }

        if (storedMinimum < 0f)
        {
            throw new ArgumentException(
                $"features have a negative entry ({storedMinimum}) and unstored zeros; shifting by the minimum as PyG does would make the matrix dense",
                nameof(features));
        }

        return 0f;
    }
}
