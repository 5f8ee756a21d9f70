using System.Security.Cryptography;
using A2Q.Grains.Abstractions;
using Microsoft.Data.Sqlite;
using Xunit;

namespace A2Q.Client.Tests.Commands;

/// <summary>
/// `client results` and `client status` only read: a store file committed to a repository (results/store) comes out
/// of them byte for byte, and a path that is no store is an error, not a new empty store.
/// </summary>
public sealed class ReadOnlyStoreTests
{
    [Fact]
    public async Task ResultsAndStatusLeaveAStoreFileAsItWas()
    {
        await using var temporary = await TemporaryRunStore.CreateAsync("a2q-read-only-");
        await temporary.Store.EnqueueAsync("table2", [new RunSpec { Key = "table2/ZINC/GCN/A2Q/seed=0", Dataset = "ZINC", Model = "GCN", Method = "A2Q", Seed = 0, Row = "GCN-ZINC", CodeVersion = "test" }], null, default);
        // Leaving WAL mode needs the only connection to the file: let the store's pooled ones go first.
        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection($"Data Source={temporary.Path};Pooling=False"))
        {
            // As the committed copy is made to stand alone.
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = DELETE";
            await command.ExecuteScalarAsync();
        }

        SqliteConnection.ClearAllPools();
        byte[] before = SHA256.HashData(await File.ReadAllBytesAsync(temporary.Path));

        var results = ClientProcess.Run("results", "--table", "2", "--store", temporary.Uri);
        Assert.True(results.ExitCode == 0, results.Error);
        Assert.Contains("| GCN-ZINC | A2Q |", results.Output);
        var status = ClientProcess.Run("status", "--store", temporary.Uri);
        Assert.True(status.ExitCode == 0, status.Error);
        Assert.Contains("table2", status.Output);

        Assert.Equal(before, SHA256.HashData(await File.ReadAllBytesAsync(temporary.Path)));
        Assert.Equal(["runs.db"], Directory.EnumerateFiles(temporary.Folder).Select(Path.GetFileName));
    }

    [Fact]
    public void AMissingOrForeignFileIsNamedAndNotTurnedIntoAStore()
    {
        string folder = Directory.CreateTempSubdirectory("a2q-no-store-").FullName;
        try
        {
            string missing = Path.Combine(folder, "missing.db");
            var (exit, _, error) = ClientProcess.Run("status", "--store", $"sqlite:{missing}");
            Assert.Equal(2, exit);
            Assert.Contains($"no run store at {missing}", error);
            Assert.False(File.Exists(missing), "status created the store it was asked to read");

            string text = Path.Combine(folder, "notes.db");
            File.WriteAllText(text, "not a database, only a file with a .db name\n");
            (exit, _, error) = ClientProcess.Run("results", "--table", "2", "--store", text);
            Assert.Equal(2, exit);
            Assert.Contains($"{text} is not a run store", error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
