using System.Buffers;

namespace A2Q.Grains.Results.Parquet;

/// <summary>
/// Parquet's RLE/bit-packing hybrid (Encodings.md, encoding RLE = 3), used here for definition levels.
/// Runs of at least <see cref="MinRepeatedRunLength"/> equal values become RLE runs; everything else is
/// bit-packed in groups of eight. The optional 4-byte length prefix is the caller's business.
/// </summary>
internal static class RleBitPackedHybridEncoder
{
    // Below eight repeats an RLE run (header + value) saves nothing over the bit-packed bytes it replaces.
    private const int MinRepeatedRunLength = 8;

    private const int GroupSize = 8;

    public static void Encode(ReadOnlySpan<int> values, int bitWidth, IBufferWriter<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bitWidth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bitWidth, 32);
        var maxValue = bitWidth == 32 ? uint.MaxValue : (1u << bitWidth) - 1;
        foreach (var value in values)
        {
            if ((uint)value > maxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(values), value, $"Does not fit in {bitWidth} bits.");
            }
        }

        // Values waiting to be bit-packed: values[pendingStart..position). A bit-packed run may end before the last
        // value only on a whole group, so a repeated run first tops the pending values up to a multiple of eight.
        var pendingStart = 0;
        var position = 0;
        while (position < values.Length)
        {
            var runLength = 1;
            while (position + runLength < values.Length && values[position + runLength] == values[position])
            {
                runLength++;
            }

            var toFillGroup = (GroupSize - (position - pendingStart) % GroupSize) % GroupSize;
            if (runLength - toFillGroup >= MinRepeatedRunLength)
            {
                WriteBitPackedRun(values[pendingStart..(position + toFillGroup)], bitWidth, destination);
                position += toFillGroup;
                WriteRepeatedRun(values[position], runLength - toFillGroup, bitWidth, destination);
                position += runLength - toFillGroup;
                pendingStart = position;
            }
            else
            {
                position += runLength;
            }
        }
        WriteBitPackedRun(values[pendingStart..], bitWidth, destination);
    }

    /// <summary>rle-run: varint(count &lt;&lt; 1), then the value in ceil(bitWidth / 8) little-endian bytes.</summary>
    private static void WriteRepeatedRun(int value, int count, int bitWidth, IBufferWriter<byte> destination)
    {
        WriteVarint((uint)count << 1, destination);
        var valueBytes = (bitWidth + 7) / 8;
        var span = destination.GetSpan(valueBytes);
        for (var index = 0; index < valueBytes; index++)
        {
            span[index] = (byte)((uint)value >> (8 * index));
        }
        destination.Advance(valueBytes);
    }

    /// <summary>
    /// bit-packed-run: varint(groups &lt;&lt; 1 | 1), then the values packed from the least significant bit of each byte;
    /// a last partial group is padded with zeros (the reader knows the value count from the page header).
    /// </summary>
    private static void WriteBitPackedRun(ReadOnlySpan<int> values, int bitWidth, IBufferWriter<byte> destination)
    {
        if (values.IsEmpty)
        {
            return;
        }
        var groups = (values.Length + GroupSize - 1) / GroupSize;
        WriteVarint(((uint)groups << 1) | 1, destination);

        var byteCount = groups * bitWidth;
        var span = destination.GetSpan(byteCount)[..byteCount];
        span.Clear();
        ulong buffer = 0;
        var bufferedBits = 0;
        var written = 0;
        foreach (var value in values)
        {
            buffer |= (ulong)(uint)value << bufferedBits;
            bufferedBits += bitWidth;
            while (bufferedBits >= 8)
            {
                span[written++] = (byte)buffer;
                buffer >>= 8;
                bufferedBits -= 8;
            }
        }
        if (bufferedBits > 0)
        {
            span[written] = (byte)buffer;
        }
        destination.Advance(byteCount);
    }

    private static void WriteVarint(uint value, IBufferWriter<byte> destination)
    {
        while (value >= 0x80)
        {
            destination.GetSpan(1)[0] = (byte)(value | 0x80);
            destination.Advance(1);
            value >>= 7;
        }
        destination.GetSpan(1)[0] = (byte)value;
        destination.Advance(1);
    }
}
