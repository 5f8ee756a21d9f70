namespace A2Q.Quant.Nn;

/// <summary>How a linear layer's bias starts.</summary>
public enum LinearBiasInit
{
    /// <summary>All zeros (PyG's convolution biases).</summary>
    Zeros,

    /// <summary>U(−1/√fanIn, 1/√fanIn), what nn.Linear keeps when only its weight is re-initialised.</summary>
    PyTorchDefault,
}
