namespace A2Q.Quant.Nn;

/// <summary>The non-layer parts of a <see cref="NodeClassifier"/>.</summary>
public sealed record NodeClassifierOptions
{
    public float InputDropout { get; init; }

    public float Dropout { get; init; }

    public bool EluBetweenLayers { get; init; }

    /// <summary>No activation between layers (Bi-GCN, whose binarizer is the nonlinearity).</summary>
    public bool LinearBetweenLayers { get; init; }

    public bool ReluOnLogits { get; init; }

    /// <summary>Residual connections around hidden layers whose input and output widths match (Tables 13/14).</summary>
    public bool SkipConnections { get; init; }
}
