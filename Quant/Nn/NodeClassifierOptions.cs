namespace A2Q.Quant.Nn;

/// <summary>The non-layer parts of a <see cref="NodeClassifier"/>.</summary>
public sealed record NodeClassifierOptions
{
    public float InputDropout { get; init; }

    public float Dropout { get; init; }

    public bool EluBetweenLayers { get; init; }

    public bool ReluOnLogits { get; init; }
}
