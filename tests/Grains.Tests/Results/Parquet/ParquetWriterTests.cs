using A2Q.Grains.Results.Parquet;
using Xunit;

namespace A2Q.Grains.Tests.Results.Parquet;

/// <summary>WriteFile's promise: a reader sees either the old file or the complete new one, never a partial one.</summary>
public sealed class ParquetWriterTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("a2q-parquet-writer-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static ParquetTable Table(int rows)
    {
        var table = new ParquetTable(new ParquetSchema(new ParquetColumn("v", ParquetType.Int32)));
        for (var row = 0; row < rows; row++)
        {
            table.AddRow(row);
        }
        return table;
    }

    private static byte[] InMemory(ParquetTable table, ParquetCompression compression)
    {
        using var stream = new MemoryStream();
        ParquetWriter.Write(stream, table, compression);
        return stream.ToArray();
    }

    [Fact]
    public void WriteFileLeavesExactlyTheFinishedFile()
    {
        var path = Path.Combine(folder, "runs.parquet");

        ParquetWriter.WriteFile(path, Table(10), ParquetCompression.Gzip);

        Assert.Equal([path], Directory.GetFiles(folder));
        Assert.Equal(InMemory(Table(10), ParquetCompression.Gzip), File.ReadAllBytes(path));
    }

    [Fact]
    public void WriteFileReplacesAnExistingFile()
    {
        var path = Path.Combine(folder, "runs.parquet");
        File.WriteAllText(path, "old");

        ParquetWriter.WriteFile(path, Table(3), ParquetCompression.Snappy);

        Assert.Equal(InMemory(Table(3), ParquetCompression.Snappy), File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(folder));
    }

    [Fact]
    public void ACancelledWriteLeavesTheOldFileAndNoTemporaryFile()
    {
        var path = Path.Combine(folder, "runs.parquet");
        File.WriteAllText(path, "old");
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            ParquetWriter.WriteFile(path, Table(10), ParquetCompression.Uncompressed, cancellation.Token));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder));
    }

    [Fact]
    public void AMissingFolderIsAnErrorAndCreatesNothing()
    {
        var path = Path.Combine(folder, "table=1", "runs.parquet");

        Assert.Throws<DirectoryNotFoundException>(() => ParquetWriter.WriteFile(path, Table(1), ParquetCompression.Snappy));

        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void OptionsAreValidatedBeforeAnythingIsWritten()
    {
        var path = Path.Combine(folder, "runs.parquet");
        var options = new ParquetWriteOptions { MaxRowsPerPage = 0 };

        Assert.Throws<ArgumentException>(() => ParquetWriter.WriteFile(path, Table(1), options));

        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }
}
