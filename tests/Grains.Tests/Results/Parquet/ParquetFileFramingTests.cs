using System.Buffers.Binary;
using System.Text;
using A2Q.Grains.Results.Parquet;
using Xunit;

namespace A2Q.Grains.Tests.Results.Parquet;

/// <summary>The byte layout of whole files: magic, data pages, footer and footer length, checked against hand-computed bytes.</summary>
public class ParquetFileFramingTests
{
    private static byte[] WriteToBytes(ParquetTable table, ParquetCompression compression = ParquetCompression.Uncompressed)
    {
        using var stream = new MemoryStream();
        ParquetWriter.Write(stream, table, compression);
        return stream.ToArray();
    }

    private static ParquetTable SingleColumn(ParquetColumn column, params object?[] values)
    {
        var table = new ParquetTable(new ParquetSchema(column));
        foreach (var value in values)
        {
            table.AddRow(value);
        }
        return table;
    }

    private static ReadOnlySpan<byte> Footer(byte[] file)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(file.Length - 8, 4));
        return file.AsSpan(file.Length - 8 - length, length);
    }

    [Theory]
    [InlineData(ParquetCompression.Uncompressed)]
    [InlineData(ParquetCompression.Snappy)]
    [InlineData(ParquetCompression.Gzip)]
    public void FilesStartAndEndWithPar1AndTheFooterLengthPointsAtTheFooter(ParquetCompression compression)
    {
        var file = WriteToBytes(SingleColumn(new ParquetColumn("v", ParquetType.Int32), 1, 2, 3), compression);

        Assert.Equal("PAR1"u8.ToArray(), file[..4]);
        Assert.Equal("PAR1"u8.ToArray(), file[^4..]);
        var footer = Footer(file);
        Assert.InRange(footer.Length, 1, file.Length - 12);
        // FileMetaData opens with field 1 (i32 version = 2, zigzag 4) and closes with a stop field.
        Assert.Equal(new byte[] { 0x15, 0x04 }, footer[..2].ToArray());
        Assert.Equal(0x00, footer[^1]);
        Assert.Contains("A2Q.Cluster parquet writer", Encoding.UTF8.GetString(footer));
    }

    [Fact]
    public void ARequiredColumnPageIsTheHeaderThenPlainValuesWithoutLevels()
    {
        var file = WriteToBytes(SingleColumn(new ParquetColumn("v", ParquetType.Int32), 7, -2));

        byte[] expected =
        [
            .. "PAR1"u8,
            // PageHeader: type DATA_PAGE (0), uncompressed 8 and compressed 8 bytes (zigzag 16),
            0x15, 0x00, 0x15, 0x10, 0x15, 0x10,
            // field 5 DataPageHeader: 2 values (zigzag 4), PLAIN (0), levels RLE (3 → zigzag 6) twice, stop; stop.
            0x2C, 0x15, 0x04, 0x15, 0x00, 0x15, 0x06, 0x15, 0x06, 0x00, 0x00,
            // PLAIN INT32 little-endian.
            0x07, 0x00, 0x00, 0x00, 0xFE, 0xFF, 0xFF, 0xFF,
        ];
        Assert.Equal(expected, file[..expected.Length]);
    }

    [Fact]
    public void AnOptionalColumnPageHasLengthPrefixedDefinitionLevelsThenOnlyTheNonNullValues()
    {
        var file = WriteToBytes(SingleColumn(new ParquetColumn("v", ParquetType.Int32, Nullable: true), 7, null, 9));

        byte[] expected =
        [
            .. "PAR1"u8,
            // 14-byte page (zigzag 28 = 0x1C), 3 values (zigzag 6) counting the null.
            0x15, 0x00, 0x15, 0x1C, 0x15, 0x1C,
            0x2C, 0x15, 0x06, 0x15, 0x00, 0x15, 0x06, 0x15, 0x06, 0x00, 0x00,
            // Levels 1,0,1: 2 bytes behind a 4-byte length; one bit-packed group, bits 0b101.
            0x02, 0x00, 0x00, 0x00, 0x03, 0x05,
            0x07, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00,
        ];
        Assert.Equal(expected, file[..expected.Length]);
    }

    [Fact]
    public void BooleansArePackedEightToAByteLeastSignificantBitFirst()
    {
        var file = WriteToBytes(SingleColumn(new ParquetColumn("b", ParquetType.Boolean),
            true, false, true, true, false, false, false, false, true));

        // Header: 2-byte page (zigzag 4), 9 values (zigzag 18 = 0x12).
        byte[] header = [0x15, 0x00, 0x15, 0x04, 0x15, 0x04, 0x2C, 0x15, 0x12, 0x15, 0x00, 0x15, 0x06, 0x15, 0x06, 0x00, 0x00];
        Assert.Equal(header, file[4..(4 + header.Length)]);
        Assert.Equal(new byte[] { 0b0000_1101, 0b0000_0001 }, file[(4 + header.Length)..(6 + header.Length)]);
    }

    [Fact]
    public void StringsArePlainByteArraysWithALittleEndianLengthPrefix()
    {
        var file = WriteToBytes(SingleColumn(new ParquetColumn("s", ParquetType.String), "", "é"));

        // 4 + 0 + 4 + 2 = 10 bytes (zigzag 20 = 0x14), 2 values.
        byte[] header = [0x15, 0x00, 0x15, 0x14, 0x15, 0x14, 0x2C, 0x15, 0x04, 0x15, 0x00, 0x15, 0x06, 0x15, 0x06, 0x00, 0x00];
        byte[] values = [0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0xC3, 0xA9];
        Assert.Equal([.. "PAR1"u8, .. header, .. values], file[..(4 + header.Length + values.Length)]);
    }

    [Fact]
    public void TheFooterDescribesTheSchemaFirst()
    {
        var file = WriteToBytes(SingleColumn(new ParquetColumn("v", ParquetType.Int32, Nullable: true), 1));

        byte[] expected =
        [
            0x15, 0x04, // version 2
            0x19, 0x2C, // field 2: list of 2 structs
            0x48, 0x06, .. "schema"u8, 0x15, 0x02, 0x00, // root: name (field 4), num_children 1 (field 5)
            0x15, 0x02, 0x25, 0x02, 0x18, 0x01, (byte)'v', 0x00, // INT32 (1), OPTIONAL (1), name "v"
            0x16, 0x02, // field 3 num_rows (i64) = 1
        ];
        Assert.Equal(expected, Footer(file)[..expected.Length].ToArray());
    }

    [Fact]
    public void AnEmptyTableIsAValidFileWithNoRowGroups()
    {
        var file = WriteToBytes(new ParquetTable(new ParquetSchema(new ParquetColumn("v", ParquetType.Double))));

        Assert.Equal("PAR1"u8.ToArray(), file[..4]);
        Assert.Equal("PAR1"u8.ToArray(), file[^4..]);
        // Nothing between the leading magic and the footer.
        Assert.Equal(file.Length - 12, Footer(file).Length);
    }

    [Fact]
    public void OffsetsCountFromTheStreamPositionWhereWritingStarted()
    {
        var table = SingleColumn(new ParquetColumn("v", ParquetType.Int64), 1L, 2L);
        using var prefixed = new MemoryStream();
        prefixed.Write([0xAA, 0xBB, 0xCC]);
        ParquetWriter.Write(prefixed, table, ParquetCompression.Snappy);

        Assert.Equal(WriteToBytes(table, ParquetCompression.Snappy), prefixed.ToArray()[3..]);
    }
}
