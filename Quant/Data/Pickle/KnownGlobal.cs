namespace A2Q.Quant.Data.Pickle;

/// <summary>
/// The only Python globals a Planetoid pickle may name. Unpickling runs whatever a GLOBAL names, so anything
/// outside this list is rejected rather than guessed at.
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
}
