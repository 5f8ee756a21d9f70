using A2Q.Grains.Abstractions;

namespace A2Q.Grains.Stores.Postgres;

/// <summary>Which server, which schema (one per cluster, or per test), and the retry policy.</summary>
public sealed record PostgresRunStoreOptions
{
    public string ConnectionString { get; init; } = "";

    public string Schema { get; init; } = "a2q";

    public RunStoreOptions Retry { get; init; } = new();
}
