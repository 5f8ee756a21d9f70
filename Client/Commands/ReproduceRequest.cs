namespace A2Q.Client.Commands;

/// <summary>The parsed arguments of <c>client reproduce</c>.</summary>
internal sealed record ReproduceRequest(
    int Table,
    IReadOnlyList<string> Rows,
    IReadOnlyList<string> Methods,
    int? Seeds,
    int? Epochs,
    string? RecipeFile,
    string? Store,
    int? Silos,
    string OutputDirectory,
    string DataDirectory);
