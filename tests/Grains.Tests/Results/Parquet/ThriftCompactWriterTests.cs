using A2Q.Grains.Results.Parquet;
using Xunit;

namespace A2Q.Grains.Tests.Results.Parquet;

public class ThriftCompactWriterTests
{
    [Theory]
    [InlineData(0UL, new byte[] { 0x00 })]
    [InlineData(1UL, new byte[] { 0x01 })]
    [InlineData(127UL, new byte[] { 0x7F })]
    [InlineData(128UL, new byte[] { 0x80, 0x01 })]
    [InlineData(300UL, new byte[] { 0xAC, 0x02 })] // 300 = 0b10_0101100
    [InlineData(50399UL, new byte[] { 0xDF, 0x89, 0x03 })] // the worked example of the compact protocol spec
    [InlineData(uint.MaxValue, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F })]
    [InlineData(ulong.MaxValue, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    public void VarintIsUnsignedLeb128(ulong value, byte[] expected)
    {
        var thrift = new ThriftCompactWriter();
        thrift.WriteVarint(value);
        Assert.Equal(expected, thrift.ToArray());
    }

    [Theory]
    [InlineData(0, 0u)]
    [InlineData(-1, 1u)]
    [InlineData(1, 2u)]
    [InlineData(-2, 3u)]
    [InlineData(2, 4u)]
    [InlineData(int.MaxValue, 4294967294u)]
    [InlineData(int.MinValue, 4294967295u)]
    public void ZigZagFoldsSignedIntoUnsigned(int value, uint expected) =>
        Assert.Equal(expected, ThriftCompactWriter.ZigZag(value));

    [Theory]
    [InlineData(0L, 0UL)]
    [InlineData(-1L, 1UL)]
    [InlineData(1L, 2UL)]
    [InlineData(long.MaxValue, ulong.MaxValue - 1)]
    [InlineData(long.MinValue, ulong.MaxValue)]
    public void ZigZag64FoldsSignedIntoUnsigned(long value, ulong expected) =>
        Assert.Equal(expected, ThriftCompactWriter.ZigZag(value));

    [Fact]
    public void I32AndI64AreZigZagVarints()
    {
        var thrift = new ThriftCompactWriter();
        thrift.WriteI32(-3); // zigzag 5
        thrift.WriteI32(64); // zigzag 128
        thrift.WriteI64(long.MinValue); // zigzag 2^64 - 1
        Assert.Equal(
            new byte[] { 0x05, 0x80, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 },
            thrift.ToArray());
    }

    [Fact]
    public void FieldHeadersCarryTheIdDeltaAndTheTypeInOneByteUpToDelta15()
    {
        var thrift = new ThriftCompactWriter();
        thrift.BeginStruct();
        thrift.WriteI32Field(1, 5); // delta 1, I32 (5): 0x15, zigzag 10
        thrift.WriteI64Field(3, -1); // delta 2, I64 (6): 0x26, zigzag 1
        thrift.WriteBoolField(18, true); // delta 15, TRUE (1): 0xF1, no body
        thrift.WriteBoolField(19, false); // delta 1, FALSE (2): 0x12
        thrift.WriteStringField(20, "ab"); // delta 1, BINARY (8): 0x18, length 2, 'a' 'b'
        thrift.EndStruct(); // stop
        Assert.Equal(
            new byte[] { 0x15, 0x0A, 0x26, 0x01, 0xF1, 0x12, 0x18, 0x02, 0x61, 0x62, 0x00 },
            thrift.ToArray());
    }

    [Fact]
    public void FieldHeadersFallBackToTheLongFormBeyondDelta15OrWhenIdsGoDown()
    {
        var thrift = new ThriftCompactWriter();
        thrift.BeginStruct();
        thrift.WriteI32Field(16, 1); // delta 16: type byte 0x05, zigzag(16) = 32, then zigzag(1) = 2
        thrift.WriteI32Field(2, 0); // delta -14: 0x05, zigzag(2) = 4, then 0
        thrift.WriteI16Field(300, -1); // delta 298: I16 (4) 0x04, zigzag(300) = 600 = 0xD8 0x04, then zigzag(-1) = 1
        thrift.EndStruct();
        Assert.Equal(
            new byte[] { 0x05, 0x20, 0x02, 0x05, 0x04, 0x00, 0x04, 0xD8, 0x04, 0x01, 0x00 },
            thrift.ToArray());
    }

    [Fact]
    public void NestedStructsCountFieldIdsAfreshAndRestoreTheOuterCount()
    {
        var thrift = new ThriftCompactWriter();
        thrift.BeginStruct();
        thrift.BeginStructField(2); // delta 2, STRUCT (12): 0x2C
        thrift.WriteI32Field(1, 0); // inner delta 1: 0x15 0x00
        thrift.EndStruct(); // 0x00
        thrift.WriteI32Field(3, 1); // outer delta 1 again: 0x15 0x02
        thrift.WriteEmptyStructField(4); // 0x1C then an immediate stop
        thrift.EndStruct();
        Assert.Equal(
            new byte[] { 0x2C, 0x15, 0x00, 0x00, 0x15, 0x02, 0x1C, 0x00, 0x00 },
            thrift.ToArray());
    }

    [Fact]
    public void ListHeadersUseTheShortFormBelow15Elements()
    {
        var thrift = new ThriftCompactWriter();
        thrift.BeginStruct();
        thrift.BeginListField(3, ThriftCompactType.Binary, 2); // delta 3, LIST (9): 0x39; size 2, BINARY (8): 0x28
        thrift.WriteString("x");
        thrift.WriteString("");
        thrift.EndStruct();
        Assert.Equal(new byte[] { 0x39, 0x28, 0x01, 0x78, 0x00, 0x00 }, thrift.ToArray());
    }

    [Fact]
    public void ListHeadersUseTheLongFormFrom15Elements()
    {
        var thrift = new ThriftCompactWriter();
        thrift.BeginStruct();
        thrift.BeginListField(1, ThriftCompactType.I32, 15); // 0x19; 0xF5 then varint 15
        for (var index = 0; index < 15; index++)
        {
            thrift.WriteI32(index); // zigzag: 0, 2, 4, …
        }
        thrift.EndStruct();
        byte[] expected = [0x19, 0xF5, 0x0F, .. Enumerable.Range(0, 15).Select(index => (byte)(2 * index)), 0x00];
        Assert.Equal(expected, thrift.ToArray());
    }

    [Fact]
    public void ListsOfStructsEncodeEachElementAsAStructWithItsOwnStop()
    {
        var thrift = new ThriftCompactWriter();
        thrift.BeginStruct();
        thrift.BeginListField(7, ThriftCompactType.Struct, 2); // 0x79; 0x2C
        for (var index = 0; index < 2; index++)
        {
            thrift.BeginStruct();
            thrift.WriteEmptyStructField(1); // 0x1C 0x00
            thrift.EndStruct(); // 0x00
        }
        thrift.WriteI32Field(8, 1); // delta 1 from field 7: 0x15 0x02
        thrift.EndStruct();
        Assert.Equal(
            new byte[] { 0x79, 0x2C, 0x1C, 0x00, 0x00, 0x1C, 0x00, 0x00, 0x15, 0x02, 0x00 },
            thrift.ToArray());
    }

    [Fact]
    public void BinaryIsAVarintLengthThenTheBytes()
    {
        var thrift = new ThriftCompactWriter();
        var payload = Enumerable.Range(0, 200).Select(index => (byte)index).ToArray();
        thrift.WriteBinary(payload);
        byte[] expected = [0xC8, 0x01, .. payload];
        Assert.Equal(expected, thrift.ToArray());
    }

    [Fact]
    public void StringsAreUtf8WithoutTerminator()
    {
        var thrift = new ThriftCompactWriter();
        thrift.WriteString("é€");
        Assert.Equal(new byte[] { 0x05, 0xC3, 0xA9, 0xE2, 0x82, 0xAC }, thrift.ToArray());
    }

    [Fact]
    public void EndStructWithoutBeginIsAnError()
    {
        var thrift = new ThriftCompactWriter();
        Assert.Throws<InvalidOperationException>(thrift.EndStruct);
    }
}
