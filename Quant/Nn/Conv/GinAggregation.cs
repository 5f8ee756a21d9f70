namespace A2Q.Quant.Nn.Conv;

/// <summary>How a GIN layer combines its in-neighbours (Table 15: sum, the GIN paper's choice, or mean or max).</summary>
public enum GinAggregation
{
    Sum,
    Mean,
    Max,
}
