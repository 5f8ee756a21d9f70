using A2Q.Grains.Stores.Sqlite;

namespace A2Q.Client.Tests;

/// <summary>A SQLite run store in a folder of its own, both gone on dispose: for tests that share a store with a process.</summary>
internal sealed class TemporaryRunStore : IAsyncDisposable
{
    private TemporaryRunStore(string folder)
    {
        Folder = folder;
        Store = new SqliteRunStore(new SqliteRunStoreOptions { Path = Path });
    }

    public string Folder { get; }

    public string Path => System.IO.Path.Combine(Folder, "runs.db");

    /// <summary>The location as the programs' --store flag takes it.</summary>
    public string Uri => $"sqlite:{Path}";

    public SqliteRunStore Store { get; }

    public static async Task<TemporaryRunStore> CreateAsync(string prefix)
    {
        var created = new TemporaryRunStore(Directory.CreateTempSubdirectory(prefix).FullName);
        await created.Store.InitializeAsync(default);
        return created;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
