namespace A2Q.Quant.Data.Pickle;

/// <summary>
/// The only Python globals a Planetoid pickle (or, for the torch entries, a <c>torch.save</c> archive) may name.
/// Unpickling runs whatever a GLOBAL names, so anything outside this list is rejected rather than guessed at.
/// </summary>
internal enum KnownGlobal
{
    /// <summary><c>scipy.sparse.csr.csr_matrix</c>, created with NEWOBJ and filled by BUILD with its __dict__.</summary>
    CsrMatrix,

    /// <summary><c>numpy.core.multiarray._reconstruct</c>, numpy's array factory for pickles.</summary>
    Reconstruct,

    /// <summary><c>numpy.ndarray</c>, only ever passed to <see cref="Reconstruct"/>.</summary>
    NdArray,

    /// <summary><c>numpy.dtype</c>, called as <c>dtype('i4', 0, 1)</c>.</summary>
    Dtype,

    /// <summary><c>collections.defaultdict</c>, the type of the graph dict.</summary>
    DefaultDict,

    /// <summary><c>__builtin__.list</c>, the defaultdict's factory.</summary>
    List,

    /// <summary><c>torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata])</c>.</summary>
    RebuildTensor,

    /// <summary><c>torch.FloatStorage</c>, named inside a storage's persistent id.</summary>
    FloatStorage,

    /// <summary><c>torch.DoubleStorage</c>.</summary>
    DoubleStorage,

    /// <summary><c>torch.LongStorage</c>.</summary>
    LongStorage,

    /// <summary><c>torch.IntStorage</c>.</summary>
    IntStorage,

    /// <summary><c>collections.OrderedDict</c>, called with no arguments for a tensor's empty backward hooks.</summary>
    OrderedDict,
}
