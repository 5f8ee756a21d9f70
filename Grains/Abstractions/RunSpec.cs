namespace A2Q.Grains.Abstractions;

/// <summary>
/// What a silo needs to execute a run: the recipe (dataset × model × method × variant), the seed, the
/// cross-validation fold if any, an optional epoch override, and the code version that produced the recipe.
/// A run is a pure function of its spec.
/// </summary>
public sealed record RunSpec
{
    public required string Key { get; init; }

    public required string Dataset { get; init; }

    public required string Model { get; init; }

    public required string Method { get; init; }

    public string Variant { get; init; } = "authors";

    public required int Seed { get; init; }

    /// <summary>
    /// The cross-validation fold (REDDIT-BINARY: 0–9) of a graph-level dataset without a standard split; null for
    /// node-level runs and standard splits, and in every spec stored before folds existed.
    /// </summary>
    public int? Fold { get; init; }

    public int? Epochs { get; init; }

    /// <summary>The table row label this run feeds (e.g. "GCN-Cora").</summary>
    public required string Row { get; init; }

    public required string CodeVersion { get; init; }
}
