namespace A2Q.Quant.Data.Pickle;

/// <summary>
/// A numpy dtype as pickled: <c>dtype('i4', 0, 1)</c>, then BUILD with
/// <c>(3, '&lt;', None, None, None, -1, -1, 0)</c> to set the byte order. Only the four plain numeric types the
/// Planetoid files could hold are accepted. The BUILD step mutates this object in place because the pickle's
/// memo already refers to it (later arrays reuse it through BINGET).
/// </summary>
internal sealed class NumpyDtype
{
    private NumpyDtype(string source, char kind, int itemSize)
    {
        Source = source;
        Kind = kind;
        ItemSize = itemSize;
    }

    public string Source { get; }

    /// <summary>'i' (signed integer) or 'f' (IEEE float).</summary>
    public char Kind { get; }

    public int ItemSize { get; }

    /// <summary>'&lt;' little-endian, '|' not applicable, '=' native (before BUILD).</summary>
    public char ByteOrder { get; private set; } = '=';

    public bool IsInteger => Kind == 'i';

    /// <summary>numpy's name, for messages: int32, int64, float32, float64.</summary>
    public string Name => $"{(IsInteger ? "int" : "float")}{ItemSize * 8}";

    public static NumpyDtype? TryCreate(string source, string code) => code switch
    {
        "i4" => new NumpyDtype(source, 'i', 4),
        "i8" => new NumpyDtype(source, 'i', 8),
        "f4" => new NumpyDtype(source, 'f', 4),
        "f8" => new NumpyDtype(source, 'f', 8),
        _ => null,
    };

    /// <summary>Applies <c>dtype.__setstate__</c>: only the byte order matters for plain numeric types.</summary>
    public void SetState(PickleTuple state, int buildOffset)
    {
        if (state.Count < 2 || state[1] is not PickleString byteOrder || byteOrder.Length != 1)
        {
            throw new DatasetFormatException(Source, $"the numpy dtype state at byte {buildOffset} is not (version, byte order, …)");
        }

        char order = (char)byteOrder.Bytes.Span[0];
        if (order is not ('<' or '|' or '='))
        {
            throw new DatasetFormatException(Source, $"the numpy dtype {Name} at byte {buildOffset} has byte order '{order}'; only little-endian data is supported");
        }

        ByteOrder = order;
    }
}
