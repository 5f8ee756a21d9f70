namespace A2Q.Grains.Tables;

/// <summary>One method of one row: reproduced by the recipe row.dataset/row.model/method.</summary>
public sealed record TableCell
{
    public string Method { get; init; } = "";

    public PaperValue Paper { get; init; } = new();
}
