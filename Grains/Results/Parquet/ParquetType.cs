namespace A2Q.Grains.Results.Parquet;

/// <summary>
/// The column types our writer supports, each with the one CLR type <see cref="ParquetTable.AddRow"/> accepts for it.
/// </summary>
public enum ParquetType
{
    /// <summary>Physical BOOLEAN; values are <see cref="bool"/>.</summary>
    Boolean,

    /// <summary>Physical INT32; values are <see cref="int"/>.</summary>
    Int32,

    /// <summary>Physical INT64; values are <see cref="long"/>.</summary>
    Int64,

    /// <summary>Physical FLOAT (IEEE 754 binary32); values are <see cref="float"/>, NaN and ±Infinity included.</summary>
    Float,

    /// <summary>Physical DOUBLE (IEEE 754 binary64); values are <see cref="double"/>, NaN and ±Infinity included.</summary>
    Double,

    /// <summary>Physical BYTE_ARRAY with the STRING logical type (UTF-8); values are well-formed <see cref="string"/>s.</summary>
    String,

    /// <summary>
    /// Physical INT64 with the TIMESTAMP(MILLIS, UTC) logical type: milliseconds since the Unix epoch.
    /// Values are <see cref="DateTimeOffset"/> (any offset) or <see cref="DateTime"/> of kind UTC, in whole milliseconds.
    /// </summary>
    Timestamp,
}
