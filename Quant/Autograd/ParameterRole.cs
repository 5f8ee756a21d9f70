namespace A2Q.Quant.Autograd;

/// <summary>
/// What a parameter is, fixed when it is created. Optimiser groups select by role (the authors' code
/// matched substrings of names instead, which silently misfiles a renamed parameter).
/// </summary>
public enum ParameterRole
{
    /// <summary>A weight matrix of a linear map or convolution.</summary>
    Weight,

    /// <summary>An additive bias.</summary>
    Bias,

    /// <summary>A GAT attention vector.</summary>
    Attention,

    /// <summary>The trainable ε of GIN.</summary>
    Epsilon,

    /// <summary>BatchNorm scale and shift.</summary>
    Normalization,

    /// <summary>An embedding table (atom types, …).</summary>
    Embedding,

    /// <summary>A quantizer step size of a weight quantizer.</summary>
    WeightStepSize,

    /// <summary>A quantizer step size of a feature (activation) quantizer.</summary>
    FeatureStepSize,

    /// <summary>A quantizer step size of the X·W product quantizer.</summary>
    ProductStepSize,

    /// <summary>A learnable bitwidth of a feature quantizer.</summary>
    FeatureBitWidth,

    /// <summary>A quantizer step size of a GAT attention or edge-logit quantizer.</summary>
    AttentionStepSize,

    /// <summary>A quantizer step size of GAT's quantizer on the transformed node features (q_gat_fea).</summary>
    AttentionFeatureStepSize,

    /// <summary>A bitwidth that is a parameter of its quantizer but never trained (weights, X·W, GAT: 4 bits).</summary>
    FixedBitWidth,
}
