using System.Buffers;
using System.Buffers.Binary;

namespace A2Q.Grains.Results.Parquet;

/// <summary>
/// Lays out one Parquet file on a stream: "PAR1", the row groups (each column chunk a run of v1 data pages),
/// the Thrift FileMetaData, its 4-byte little-endian length, and "PAR1" again.
/// Offsets in the footer count from the first byte this encoder writes.
/// </summary>
internal sealed class ParquetFileEncoder(Stream destination, ParquetWriteOptions options, CancellationToken ct)
{
    // Flat schemas have a maximum definition level of 1 (null or present), so one bit per level.
    private const int DefinitionLevelBitWidth = 1;

    private static ReadOnlySpan<byte> Magic => "PAR1"u8;

    private long position;

    public void Encode(ParquetTable table)
    {
        Emit(Magic);
        var rowGroups = new List<RowGroupLayout>();
        for (long firstRow = 0; firstRow < table.RowCount; firstRow += options.MaxRowsPerRowGroup)
        {
            var rowCount = (int)Math.Min(options.MaxRowsPerRowGroup, table.RowCount - firstRow);
            var rowGroupOffset = position;
            var chunks = table.Columns.Select(column => WriteColumnChunk(column, (int)firstRow, rowCount)).ToList();
            rowGroups.Add(new RowGroupLayout(chunks, rowCount, rowGroupOffset));
        }

        var footer = ParquetMetadataSerializer.SerializeFileMetaData(table.Schema, table.RowCount, options.Compression, rowGroups);
        Emit(footer);
        Span<byte> footerLength = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(footerLength, footer.Length);
        Emit(footerLength);
        Emit(Magic);
        destination.Flush();
    }

    private ColumnChunkLayout WriteColumnChunk(ColumnData column, int firstRow, int rowCount)
    {
        var dataPageOffset = position;
        long uncompressedSize = 0, compressedSize = 0;
        for (long pageFirstRow = firstRow; pageFirstRow < firstRow + rowCount; pageFirstRow += options.MaxRowsPerPage)
        {
            ct.ThrowIfCancellationRequested();
            var pageRowCount = (int)Math.Min(options.MaxRowsPerPage, firstRow + rowCount - pageFirstRow);
            var body = BuildPageBody(column, (int)pageFirstRow, pageRowCount);
            var compressed = PageCompressor.Compress(body.WrittenSpan, options.Compression);
            var header = ParquetMetadataSerializer.SerializeDataPageHeader(body.WrittenCount, compressed.Length, pageRowCount);
            Emit(header);
            Emit(compressed);
            // Both totals include the page headers, which are never compressed.
            uncompressedSize += header.Length + body.WrittenCount;
            compressedSize += header.Length + compressed.Length;
        }
        return new ColumnChunkLayout(
            column.Column, rowCount, uncompressedSize, compressedSize, dataPageOffset,
            column.ComputeStatistics(firstRow, rowCount));
    }

    /// <summary>
    /// Data page v1 body: for an OPTIONAL column the definition levels (RLE hybrid behind a 4-byte length),
    /// then the PLAIN values of the non-null rows. REQUIRED columns have no levels at all.
    /// </summary>
    private static ArrayBufferWriter<byte> BuildPageBody(ColumnData column, int firstRow, int rowCount)
    {
        var body = new ArrayBufferWriter<byte>();
        if (column.Column.Nullable)
        {
            var levels = new int[rowCount];
            for (var index = 0; index < rowCount; index++)
            {
                levels[index] = column.IsNull(firstRow + index) ? 0 : 1;
            }
            var encodedLevels = new ArrayBufferWriter<byte>();
            RleBitPackedHybridEncoder.Encode(levels, DefinitionLevelBitWidth, encodedLevels);
            BinaryPrimitives.WriteInt32LittleEndian(body.GetSpan(sizeof(int)), encodedLevels.WrittenCount);
            body.Advance(sizeof(int));
            body.Write(encodedLevels.WrittenSpan);
        }
        column.WritePlain(firstRow, rowCount, body);
        return body;
    }

    private void Emit(ReadOnlySpan<byte> bytes)
    {
        destination.Write(bytes);
        position += bytes.Length;
    }
}
