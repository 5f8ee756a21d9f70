namespace A2Q.Grains.Results.Parquet;

/// <summary>The enum values of parquet.thrift that this writer emits (wire numbers, not ours to choose).</summary>
internal static class ParquetThriftIds
{
    public static class PhysicalType
    {
        public const int Boolean = 0;
        public const int Int32 = 1;
        public const int Int64 = 2;
        public const int Float = 4;
        public const int Double = 5;
        public const int ByteArray = 6;
    }

    public static class ConvertedType
    {
        public const int Utf8 = 0;
        public const int TimestampMillis = 9;
    }

    public static class Repetition
    {
        public const int Required = 0;
        public const int Optional = 1;
    }

    public static class Encoding
    {
        public const int Plain = 0;
        public const int Rle = 3;
    }

    public static class CompressionCodec
    {
        public const int Uncompressed = 0;
        public const int Snappy = 1;
        public const int Gzip = 2;
    }

    public static class PageType
    {
        public const int DataPage = 0;
    }
}
