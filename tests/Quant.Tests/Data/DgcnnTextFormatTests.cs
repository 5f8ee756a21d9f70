using System.IO.Compression;
using A2Q.Quant.Data;
using Xunit;

namespace A2Q.Quant.Tests.Data;

public class DgcnnTextFormatTests
{
    private const string Entry = "TINY/TINY.txt";

    // Graph 0: path 0–1–2, label 0. Graph 1: one edge 0–1, label 2. Graph 2: a lone node, label 0. Tags all 0.
    private const string Tiny = "3\n3 0\n0 1 1\n0 2 0 2\n0 1 1\n2 2\n0 1 1\n0 1 0\n1 0\n0 0\n";

    [Fact]
    public void GraphsEdgesAndRankedLabelsAreRead()
    {
        using var scratch = new TemporaryDirectory();
        string archive = WriteArchive(scratch, Tiny);

        var dataset = DgcnnTextFormat.ReadArchiveEntry(archive, Entry, "TINY", "hint");

        Assert.Equal(GraphTask.Classification, dataset.Task);
        Assert.Equal(2, dataset.ClassCount);
        Assert.Equal([0, 1, 0], dataset.ClassLabels());
        Assert.Equal([3, 2, 1], dataset.Samples.Select(s => s.NodeCount));
        Assert.Equal([0, 1, 1, 2], dataset.Samples[0].Graph.Sources);
        Assert.Equal([1, 0, 2, 1], dataset.Samples[0].Graph.Targets);
        Assert.Equal([0, 1], dataset.Samples[1].Graph.Sources);
        Assert.Equal(0, dataset.Samples[2].Graph.EdgeCount);
        Assert.Null(dataset.StandardSplit);
    }

    [Fact]
    public void ConstantTagsAreDroppedAndVaryingTagsKept()
    {
        using var scratch = new TemporaryDirectory();
        string constant = WriteArchive(scratch, Tiny, "constant.zip");
        string varying = WriteArchive(scratch, Tiny.Replace("0 0\n", "7 0\n"), "varying.zip");

        Assert.All(DgcnnTextFormat.ReadArchiveEntry(constant, Entry, "TINY", "hint").Samples, s => Assert.Null(s.NodeTypes));
        Assert.Equal([7], DgcnnTextFormat.ReadArchiveEntry(varying, Entry, "TINY", "hint").Samples[2].NodeTypes!);
    }

    [Theory]
    [InlineData("3\n3 0\n0 1 1\n0 2 0 2\n0 1 1\n2 2\n0 1 1\n0 1 0\n1 0\n", "truncated: the file ends after line 9, but node 0 of the 1 nodes of graph 2 was expected")]
    [InlineData("3\n3 0\n0 1 1\n0 2 0 2\n0 1 1\n2 2\n0 1 1\n", "truncated: the file ends after line 7, but node 1 of the 2 nodes of graph 1 was expected")]
    [InlineData("3\n3 0\n0 1 1\n0 2 0 2\n0 1 1\n", "truncated: the file ends after line 5, but the header 'n l' of graph 1 of 3 was expected")]
    [InlineData("", "truncated: the file ends after line 0, but the graph count on line 1 was expected")]
    [InlineData("3\n3 0\n0 1 1\n0 2 0 2\n0 1 3\n2 2\n0 1 1\n0 1 0\n1 0\n0 0\n", "line 5: neighbour 3 of node 2 of graph 0 is outside the graph's 3 nodes")]
    [InlineData("3\n3 0\n0 1 1\n0 3 0 2\n0 1 1\n2 2\n0 1 1\n0 1 0\n1 0\n0 0\n", "line 4: node 1 of graph 0 announces 3 neighbours but lists 2")]
    [InlineData("3\n3 zero\n0 1 1\n0 2 0 2\n0 1 1\n2 2\n0 1 1\n0 1 0\n1 0\n0 0\n", "line 2: the label of graph 0 is 'zero', expected an integer")]
    [InlineData("3\n3 0\n0 1 1\n0 2 0 2\n0 1 1\n2 2\n0 1 1\n0 1 0\n1 0\n0 0\n1 0\n", "line 11: unexpected content after the 3 graphs the first line announces: '1 0'")]
    [InlineData("3\n3 0\n0 1 1\n0 2 0 -2\n0 1 1\n2 2\n0 1 1\n0 1 0\n1 0\n0 0\n", "line 4: neighbour 1 of node 1 of graph 0 is -2, expected a non-negative integer")]
    public void BrokenTextNamesTheArchiveTheEntryAndTheLine(string content, string problem)
    {
        using var scratch = new TemporaryDirectory();
        string archive = WriteArchive(scratch, content);

        var error = Assert.Throws<DatasetFormatException>(() => DgcnnTextFormat.ReadArchiveEntry(archive, Entry, "TINY", "hint"));

        Assert.Equal(archive, error.FilePath);
        Assert.Equal($"entry {Entry}, {problem}", error.Problem);
    }

    [Fact]
    public void ATruncatedArchiveIsNamed()
    {
        using var scratch = new TemporaryDirectory();
        string archive = WriteArchive(scratch, Tiny);
        byte[] bytes = File.ReadAllBytes(archive);
        File.WriteAllBytes(archive, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<DatasetFormatException>(() => DgcnnTextFormat.ReadArchiveEntry(archive, Entry, "TINY", "hint"));

        Assert.Equal(archive, error.FilePath);
        Assert.StartsWith("not a readable zip archive (truncated or corrupt): ", error.Problem);
    }

    [Fact]
    public void CorruptCompressedDataIsNamedWithTheLastGoodLine()
    {
        using var scratch = new TemporaryDirectory();
        // Enough lines that the deflate stream is long; then flip bytes in its middle.
        string content = "2000\n" + string.Concat(Enumerable.Range(0, 2000).Select(g => $"2 {g % 2}\n0 1 1\n0 1 0\n"));
        string archive = WriteArchive(scratch, content);
        byte[] bytes = File.ReadAllBytes(archive);
        for (int i = 200; i < 260; i++)
        {
            bytes[i] ^= 0x5A;
        }

        File.WriteAllBytes(archive, bytes);

        var error = Assert.Throws<DatasetFormatException>(() => DgcnnTextFormat.ReadArchiveEntry(archive, Entry, "TINY", "hint"));

        Assert.Equal(archive, error.FilePath);
        // Flipped bytes either break the deflate stream or inflate to garbled text; both name a line.
        Assert.Matches($"^entry {System.Text.RegularExpressions.Regex.Escape(Entry)}, (line [1-9][0-9]*|the compressed data is corrupt after line [1-9][0-9]*): ", error.Problem);
    }

    [Fact]
    public void AMissingEntryListsWhatTheArchiveHolds()
    {
        using var scratch = new TemporaryDirectory();
        string archive = WriteArchive(scratch, Tiny);

        var error = Assert.Throws<DatasetFormatException>(() => DgcnnTextFormat.ReadArchiveEntry(archive, "TINY/OTHER.txt", "TINY", "hint"));

        Assert.Equal("the archive has no entry TINY/OTHER.txt; it holds TINY/.DS_Store, TINY/TINY.txt", error.Problem);
    }

    [Fact]
    public void AMissingArchiveGivesTheHint()
    {
        using var scratch = new TemporaryDirectory();
        string archive = Path.Combine(scratch.Path, "absent.zip");

        var error = Assert.Throws<DatasetFormatException>(() => DgcnnTextFormat.ReadArchiveEntry(archive, Entry, "TINY", "copy it by hand"));

        Assert.Equal(archive, error.FilePath);
        Assert.Equal("the file is missing; copy it by hand", error.Problem);
    }

    /// <summary>A zip laid out like the staged REDDIT-BINARY.zip: the text entry beside a stray .DS_Store.</summary>
    private static string WriteArchive(TemporaryDirectory scratch, string content, string fileName = "TINY.zip")
    {
        string path = Path.Combine(scratch.Path, fileName);
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        using (var writer = new StreamWriter(archive.CreateEntry("TINY/.DS_Store").Open()))
        {
            writer.Write("\0\0\0\u0001Bud1");
        }

        using (var writer = new StreamWriter(archive.CreateEntry(Entry).Open()))
        {
            writer.Write(content);
        }

        return path;
    }
}
