namespace A2Q.Quant.Training;

/// <summary>The graph layer a model stacks.</summary>
public enum Architecture
{
    GCN,
    GIN,
    GAT,
    SAGE,
}
