using System.Buffers;
using A2Q.Grains.Results.Parquet;
using Xunit;

namespace A2Q.Grains.Tests.Results.Parquet;

public class RleBitPackedHybridEncoderTests
{
    private static byte[] Encode(int[] values, int bitWidth)
    {
        var output = new ArrayBufferWriter<byte>();
        RleBitPackedHybridEncoder.Encode(values, bitWidth, output);
        return output.WrittenSpan.ToArray();
    }

    [Fact]
    public void BitPacksFromTheLeastSignificantBitAsInTheSpecExample()
    {
        // Encodings.md: 0..7 at bit width 3 pack to 10001000 11000110 11111010; one group → header (1 << 1) | 1.
        Assert.Equal(new byte[] { 0x03, 0x88, 0xC6, 0xFA }, Encode([0, 1, 2, 3, 4, 5, 6, 7], 3));
    }

    [Fact]
    public void RepeatedValuesBecomeOneRleRun()
    {
        // 1000 ones: header varint(1000 << 1) = varint(2000) = 0xD0 0x0F, then the value in one byte.
        Assert.Equal(new byte[] { 0xD0, 0x0F, 0x01 }, Encode(Enumerable.Repeat(1, 1000).ToArray(), 1));
    }

    [Fact]
    public void ShortRunsAreBitPackedAndTheLastGroupIsZeroPadded()
    {
        // Two groups → header (2 << 1) | 1 = 0x05. Bits of 1,1,1,1,1,1,0,1 from bit 0 up: 0b1011_1111; then 1,1 → 0b11.
        Assert.Equal(new byte[] { 0x05, 0xBF, 0x03 }, Encode([1, 1, 1, 1, 1, 1, 0, 1, 1, 1], 1));
    }

    [Fact]
    public void ARunAfterAPartialGroupFirstCompletesTheGroup()
    {
        // 3 zeros, 20 ones, 2 zeros: the first five ones complete the group [0,0,0,1,1,1,1,1] = 0b1111_1000,
        // the other 15 ones are an RLE run (header 15 << 1 = 0x1E), and the final two zeros a padded group.
        int[] levels = [0, 0, 0, .. Enumerable.Repeat(1, 20), 0, 0];
        Assert.Equal(new byte[] { 0x03, 0xF8, 0x1E, 0x01, 0x03, 0x00 }, Encode(levels, 1));
    }

    [Fact]
    public void ARunTooShortOnceTheGroupIsCompleteStaysBitPacked()
    {
        // 5 zeros then 10 ones: 3 ones complete the group, 7 remain (fewer than 8), so all 15 values are bit-packed:
        // [0,0,0,0,0,1,1,1] = 0b1110_0000, [1,1,1,1,1,1,1,pad] = 0b0111_1111.
        int[] levels = [0, 0, 0, 0, 0, .. Enumerable.Repeat(1, 10)];
        Assert.Equal(new byte[] { 0x05, 0xE0, 0x7F }, Encode(levels, 1));
    }

    [Fact]
    public void ANullInEverySeventhRowIsBitPackedThroughout()
    {
        // Level 0 at rows 0, 7, 14, …: no run reaches 8, so 16 values make one bit-packed run of two groups.
        // Row 0..7: 0,1,1,1,1,1,1,0 → 0b0111_1110; rows 8..15: 1,1,1,1,1,1,0,1 → 0b1011_1111.
        var levels = Enumerable.Range(0, 16).Select(row => row % 7 == 0 ? 0 : 1).ToArray();
        Assert.Equal(new byte[] { 0x05, 0x7E, 0xBF }, Encode(levels, 1));
    }

    [Fact]
    public void RleValuesTakeWholeBytesForWiderBitWidths()
    {
        // Bit width 9 → the repeated value takes two little-endian bytes: 300 = 0x012C.
        Assert.Equal(new byte[] { 0x14, 0x2C, 0x01 }, Encode(Enumerable.Repeat(300, 10).ToArray(), 9));
    }

    [Fact]
    public void EmptyInputWritesNothing() => Assert.Empty(Encode([], 1));

    [Fact]
    public void ValuesWiderThanTheBitWidthAreRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Encode([0, 2], 1));
}
