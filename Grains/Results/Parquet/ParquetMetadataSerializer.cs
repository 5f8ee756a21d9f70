using static A2Q.Grains.Results.Parquet.ParquetThriftIds;

namespace A2Q.Grains.Results.Parquet;

/// <summary>
/// Encodes the parquet.thrift structs this writer needs: PageHeader for each data page and FileMetaData for the footer.
/// Field ids are those of parquet.thrift and are written in ascending order.
/// </summary>
internal static class ParquetMetadataSerializer
{
    public const string CreatedBy = "A2Q.Cluster parquet writer";

    // 2 rather than 1 because the schema carries LogicalType annotations (format 2.4 and later).
    private const int FormatVersion = 2;

    public static byte[] SerializeDataPageHeader(int uncompressedPageSize, int compressedPageSize, int valueCount)
    {
        var thrift = new ThriftCompactWriter();
        thrift.BeginStruct();
        thrift.WriteI32Field(1, PageType.DataPage);
        thrift.WriteI32Field(2, uncompressedPageSize);
        thrift.WriteI32Field(3, compressedPageSize);
        thrift.BeginStructField(5); // DataPageHeader
        thrift.WriteI32Field(1, valueCount); // rows in the page, nulls included
        thrift.WriteI32Field(2, Encoding.Plain);
        thrift.WriteI32Field(3, Encoding.Rle); // definition levels
        thrift.WriteI32Field(4, Encoding.Rle); // repetition levels (none in a flat schema, but the field is required)
        thrift.EndStruct();
        thrift.EndStruct();
        return thrift.ToArray();
    }

    public static byte[] SerializeFileMetaData(
        ParquetSchema schema, long rowCount, ParquetCompression compression, IReadOnlyList<RowGroupLayout> rowGroups)
    {
        var thrift = new ThriftCompactWriter();
        thrift.BeginStruct();
        thrift.WriteI32Field(1, FormatVersion);

        thrift.BeginListField(2, ThriftCompactType.Struct, schema.Count + 1);
        WriteRootSchemaElement(thrift, schema.Count);
        foreach (var column in schema)
        {
            WriteSchemaElement(thrift, column);
        }

        thrift.WriteI64Field(3, rowCount);

        thrift.BeginListField(4, ThriftCompactType.Struct, rowGroups.Count);
        for (var ordinal = 0; ordinal < rowGroups.Count; ordinal++)
        {
            WriteRowGroup(thrift, rowGroups[ordinal], ordinal, compression);
        }

        thrift.WriteStringField(6, CreatedBy);

        // Without column_orders the meaning of min_value/max_value is undefined, so readers would ignore them.
        thrift.BeginListField(7, ThriftCompactType.Struct, schema.Count);
        for (var index = 0; index < schema.Count; index++)
        {
            thrift.BeginStruct(); // ColumnOrder union
            thrift.WriteEmptyStructField(1); // TYPE_ORDER
            thrift.EndStruct();
        }

        thrift.EndStruct();
        return thrift.ToArray();
    }

    private static void WriteRootSchemaElement(ThriftCompactWriter thrift, int columnCount)
    {
        thrift.BeginStruct();
        thrift.WriteStringField(4, "schema");
        thrift.WriteI32Field(5, columnCount);
        thrift.EndStruct();
    }

    private static void WriteSchemaElement(ThriftCompactWriter thrift, ParquetColumn column)
    {
        thrift.BeginStruct();
        thrift.WriteI32Field(1, PhysicalTypeOf(column.Type));
        thrift.WriteI32Field(3, column.Nullable ? Repetition.Optional : Repetition.Required);
        thrift.WriteStringField(4, column.Name);
        switch (column.Type)
        {
            case ParquetType.String:
                thrift.WriteI32Field(6, ConvertedType.Utf8);
                thrift.BeginStructField(10); // LogicalType union
                thrift.WriteEmptyStructField(1); // STRING
                thrift.EndStruct();
                break;
            case ParquetType.Timestamp:
                // The legacy TIMESTAMP_MILLIS converted type means exactly isAdjustedToUTC = true, MILLIS,
                // so older readers that only know converted types see the same instant.
                thrift.WriteI32Field(6, ConvertedType.TimestampMillis);
                thrift.BeginStructField(10); // LogicalType union
                thrift.BeginStructField(8); // TIMESTAMP: TimestampType
                thrift.WriteBoolField(1, true); // isAdjustedToUTC
                thrift.BeginStructField(2); // unit: TimeUnit union
                thrift.WriteEmptyStructField(1); // MILLIS
                thrift.EndStruct();
                thrift.EndStruct();
                thrift.EndStruct();
                break;
        }
        thrift.EndStruct();
    }

    private static void WriteRowGroup(ThriftCompactWriter thrift, RowGroupLayout rowGroup, int ordinal, ParquetCompression compression)
    {
        thrift.BeginStruct();
        thrift.BeginListField(1, ThriftCompactType.Struct, rowGroup.Columns.Count);
        foreach (var chunk in rowGroup.Columns)
        {
            WriteColumnChunk(thrift, chunk, compression);
        }
        thrift.WriteI64Field(2, rowGroup.Columns.Sum(chunk => chunk.TotalUncompressedSize));
        thrift.WriteI64Field(3, rowGroup.RowCount);
        thrift.WriteI64Field(5, rowGroup.FileOffset);
        thrift.WriteI64Field(6, rowGroup.Columns.Sum(chunk => chunk.TotalCompressedSize));
        if (ordinal <= short.MaxValue)
        {
            thrift.WriteI16Field(7, (short)ordinal);
        }
        thrift.EndStruct();
    }

    private static void WriteColumnChunk(ThriftCompactWriter thrift, ColumnChunkLayout chunk, ParquetCompression compression)
    {
        thrift.BeginStruct();
        // Deprecated file_offset: the spec now asks for 0 when no ColumnMetaData is written outside the footer.
        thrift.WriteI64Field(2, 0);
        thrift.BeginStructField(3); // ColumnMetaData
        thrift.WriteI32Field(1, PhysicalTypeOf(chunk.Column.Type));
        if (chunk.Column.Nullable)
        {
            thrift.BeginListField(2, ThriftCompactType.I32, 2);
            thrift.WriteI32(Encoding.Plain);
            thrift.WriteI32(Encoding.Rle);
        }
        else
        {
            thrift.BeginListField(2, ThriftCompactType.I32, 1);
            thrift.WriteI32(Encoding.Plain);
        }
        thrift.BeginListField(3, ThriftCompactType.Binary, 1);
        thrift.WriteString(chunk.Column.Name);
        thrift.WriteI32Field(4, CodecOf(compression));
        thrift.WriteI64Field(5, chunk.ValueCount);
        thrift.WriteI64Field(6, chunk.TotalUncompressedSize);
        thrift.WriteI64Field(7, chunk.TotalCompressedSize);
        thrift.WriteI64Field(9, chunk.DataPageOffset);
        WriteStatistics(thrift, chunk.Statistics);
        thrift.EndStruct();
        thrift.EndStruct();
    }

    private static void WriteStatistics(ThriftCompactWriter thrift, ColumnStatistics statistics)
    {
        thrift.BeginStructField(12);
        thrift.WriteI64Field(3, statistics.NullCount);
        if (statistics.MaxValue is not null)
        {
            thrift.WriteBinaryField(5, statistics.MaxValue);
        }
        if (statistics.MinValue is not null)
        {
            thrift.WriteBinaryField(6, statistics.MinValue);
        }
        if (statistics.NanCount is { } nanCount)
        {
            thrift.WriteI64Field(9, nanCount);
        }
        thrift.EndStruct();
    }

    private static int PhysicalTypeOf(ParquetType type) => type switch
    {
        ParquetType.Boolean => PhysicalType.Boolean,
        ParquetType.Int32 => PhysicalType.Int32,
        ParquetType.Int64 or ParquetType.Timestamp => PhysicalType.Int64,
        ParquetType.Float => PhysicalType.Float,
        ParquetType.Double => PhysicalType.Double,
        ParquetType.String => PhysicalType.ByteArray,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown Parquet column type."),
    };

    private static int CodecOf(ParquetCompression compression) => compression switch
    {
        ParquetCompression.Uncompressed => CompressionCodec.Uncompressed,
        ParquetCompression.Snappy => CompressionCodec.Snappy,
        ParquetCompression.Gzip => CompressionCodec.Gzip,
        _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, "Unknown Parquet compression."),
    };
}
