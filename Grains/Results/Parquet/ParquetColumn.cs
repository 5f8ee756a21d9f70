namespace A2Q.Grains.Results.Parquet;

/// <summary>One top-level column of a flat schema: REQUIRED unless <paramref name="Nullable"/>, then OPTIONAL.</summary>
public sealed record ParquetColumn(string Name, ParquetType Type, bool Nullable = false);
