namespace A2Q.Grains.Tables;

/// <summary>One method of one row: reproduced by the recipe row.dataset/row.model/method/variant.</summary>
public sealed record TableCell
{
    public const string DefaultVariant = "authors";

    public string Method { get; init; } = "";

    /// <summary>The recipe variant (Table 11: the Nearest Neighbor Strategy's m100 … m1500).</summary>
    public string Variant { get; init; } = DefaultVariant;

    /// <summary>
    /// The cell's name in run keys and results: the method, or method@variant when the variant is not the authors'
    /// (so Table 11's cells, all A²Q, stay apart).
    /// </summary>
    public string Name => Variant == DefaultVariant ? Method : $"{Method}@{Variant}";

    public PaperValue Paper { get; init; } = new();
}
