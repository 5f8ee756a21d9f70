using System.Text;

namespace A2Q.Quant.Data.Pickle;

/// <summary>
/// A Python 2 <c>str</c> (or Python 3 <c>bytes</c>): raw bytes, not text. It points into the file's buffer
/// instead of copying, because numpy arrays arrive as one such string holding megabytes of raw data.
/// Compares by content so it can be a dict key (the csr_matrix state dict is keyed by these).
/// </summary>
internal sealed class PickleString(ReadOnlyMemory<byte> bytes) : IEquatable<PickleString>
{
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    public int Length => Bytes.Length;

    public static PickleString FromAscii(string text) => new(Encoding.ASCII.GetBytes(text));

    public bool Equals(PickleString? other) => other is not null && Bytes.Span.SequenceEqual(other.Bytes.Span);

    public override bool Equals(object? obj) => Equals(obj as PickleString);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Bytes.Span);
        return hash.ToHashCode();
    }

    /// <summary>Latin-1, the decoding that maps each byte to one character (what PROVENANCE.md prescribes).</summary>
    public override string ToString() => Encoding.Latin1.GetString(Bytes.Span);
}
