namespace A2Q.Quant.Training;

/// <summary>The nonlinearity between graph layers.</summary>
public enum HiddenActivation
{
    Relu,

    /// <summary>ELU, the GAT paper's choice (the A²Q GAT script uses ReLU).</summary>
    Elu,

    /// <summary>None: Bi-GCN's binarizer is its only nonlinearity.</summary>
    None,
}
