namespace A2Q.Client.Commands;

/// <summary>The parsed arguments of <c>client train</c>.</summary>
internal sealed record TrainRequest(
    string Dataset,
    string Model,
    string Method,
    string Variant,
    int Seeds,
    int FirstSeed,
    int? Epochs,
    int Threads,
    string DataDirectory,
    bool Json,
    string? RecipeFile = null,
    string? ExportDirectory = null,
    int? Folds = null);
