namespace A2Q.Quant.Autograd;

/// <summary>How node rows of one graph are reduced to one graph row (readout).</summary>
public enum PoolingMode
{
    Sum,
    Mean,
    Max,
}
