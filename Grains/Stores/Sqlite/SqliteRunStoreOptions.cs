using A2Q.Grains.Abstractions;

namespace A2Q.Grains.Stores.Sqlite;

/// <summary>Where the embedded store lives and how it retries.</summary>
public sealed record SqliteRunStoreOptions
{
    /// <summary>The database file; local silos in other processes may share it.</summary>
    public string Path { get; init; } = "a2q-runs.db";

    public RunStoreOptions Retry { get; init; } = new();
}
