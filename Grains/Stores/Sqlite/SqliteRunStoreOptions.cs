using A2Q.Grains.Abstractions;

namespace A2Q.Grains.Stores.Sqlite;

/// <summary>Where the embedded store lives and how it retries.</summary>
public sealed record SqliteRunStoreOptions
{
    /// <summary>The database file; local silos in other processes may share it.</summary>
    public string Path { get; init; } = "a2q-runs.db";

    public RunStoreOptions Retry { get; init; } = new();

    /// <summary>
    /// Open an existing store for reading only (`client results`, `client status`): the file is not created, not
    /// given the schema and not switched to WAL mode, so a store committed to a repository stays byte for byte.
    /// </summary>
    public bool ReadOnly { get; init; }
}
