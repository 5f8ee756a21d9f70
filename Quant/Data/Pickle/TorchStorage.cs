namespace A2Q.Quant.Data.Pickle;

/// <summary>
/// A typed torch storage from a <c>torch.save</c> archive: the raw little-endian bytes of entry
/// <c>&lt;archive&gt;/data/&lt;key&gt;</c>, named in <c>data.pkl</c> by the persistent id
/// <c>('storage', torch.FloatStorage, key, location, element count)</c>.
/// </summary>
internal sealed class TorchStorage(string source, KnownGlobal type, string key, ReadOnlyMemory<byte> bytes)
{
    public string Source { get; } = source;

    public KnownGlobal Type { get; } = type;

    public string Key { get; } = key;

    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    public static bool IsStorageType(KnownGlobal type) =>
        type is KnownGlobal.FloatStorage or KnownGlobal.DoubleStorage or KnownGlobal.LongStorage or KnownGlobal.IntStorage;

    public int ItemSize => Type is KnownGlobal.FloatStorage or KnownGlobal.IntStorage ? 4 : 8;

    public bool IsInteger => Type is KnownGlobal.LongStorage or KnownGlobal.IntStorage;

    public long ElementCount => Bytes.Length / ItemSize;

    /// <summary>torch's class name, for messages.</summary>
    public string TypeName => Type.ToString();
}
