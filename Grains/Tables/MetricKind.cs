namespace A2Q.Grains.Tables;

/// <summary>What a row's cells measure: accuracy in % (higher is better) or the MAE of a regression (lower is better).</summary>
public enum MetricKind
{
    Accuracy,

    /// <summary>ZINC's regression loss, printed without a unit.</summary>
    Mae,
}
