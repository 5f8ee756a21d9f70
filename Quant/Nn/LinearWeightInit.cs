namespace A2Q.Quant.Nn;

/// <summary>How a Linear's weight is initialised.</summary>
public enum LinearWeightInit
{
    /// <summary>Glorot/Xavier uniform (PyG's layers; the A²Q node-level scripts re-initialise every Linear so).</summary>
    Glorot,

    /// <summary>PyTorch's nn.Linear default, U(±1/√fan_in): the A²Q graph-level GIN and readout layers keep it.</summary>
    PyTorchDefault,
}
