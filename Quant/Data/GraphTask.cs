namespace A2Q.Quant.Data;

/// <summary>Whether a graph-level dataset's labels are classes or regression targets.</summary>
public enum GraphTask
{
    Classification,
    Regression,
}
