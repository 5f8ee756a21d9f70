using A2Q.Quant.Data;
using Xunit;

namespace A2Q.Quant.Tests.Data;

public class RedditBinaryTests
{
    [Fact]
    public void RealArchiveHasTheProvenanceCounts()
    {
        string root = RealGraphData.RequireRoot("reddit-binary/REDDIT-BINARY.zip");

        var dataset = RedditBinary.Load(root);

        // PROVENANCE.md: 2000 graphs, 1000 per label; 859,254 nodes; 1,991,016 directed edge entries; no self
        // loops; symmetric adjacency; no node labels.
        Assert.Equal(2000, dataset.Count);
        Assert.Equal(2, dataset.ClassCount);
        Assert.Equal(1000, dataset.ClassLabels().Count(c => c == 0));
        Assert.Equal(1000, dataset.ClassLabels().Count(c => c == 1));
        Assert.Equal(859_254, dataset.TotalNodeCount);
        Assert.Equal(1_991_016, dataset.TotalEdgeCount);
        Assert.All(dataset.Samples, s =>
        {
            Assert.Null(s.NodeTypes);
            Assert.True(s.Graph.IsSymmetric());
            Assert.DoesNotContain(Enumerable.Range(0, s.Graph.EdgeCount), e => s.Graph.Sources[e] == s.Graph.Targets[e]);
        });
    }

    [Fact]
    public void AMissingArchiveSaysWhereToPutIt()
    {
        using var scratch = new TemporaryDirectory();

        var error = Assert.Throws<DatasetFormatException>(() => RedditBinary.Load(scratch.Path));

        Assert.Equal(Path.Combine(scratch.Path, "reddit-binary", "REDDIT-BINARY.zip"), error.FilePath);
        Assert.Contains("PROVENANCE.md", error.Problem);
    }
}
