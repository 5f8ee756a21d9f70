namespace A2Q.Quant.Data;

/// <summary>
/// REDDIT-BINARY (Yanardag &amp; Vishwanathan, KDD 2015): 2000 discussion threads, class 1 = question/answer
/// subreddit. Read from the staged <c>&lt;root&gt;/reddit-binary/REDDIT-BINARY.zip</c>, which holds the
/// DGCNN/GIN text conversion of the TU files (see shared/data/reddit-binary/PROVENANCE.md): same graphs, node
/// order and graph order as PyG's <c>TUDataset(root, 'REDDIT-BINARY')</c>, labels {0, 2} → classes {0, 1}.
/// The archive's <c>10fold_idx</c> files are another split; the paper's folds come from
/// <see cref="Folds.CrossValidationFolds"/>.
/// </summary>
public static class RedditBinary
{
    public const string Name = "REDDIT-BINARY";

    public const string ArchiveFileName = "REDDIT-BINARY.zip";

    public const string EntryName = "REDDIT-BINARY/REDDIT-BINARY.txt";

    public static string RawDirectory(string root) => Path.Combine(root, "reddit-binary");

    public static GraphDataset Load(string root)
    {
        string archive = Path.Combine(RawDirectory(root), ArchiveFileName);
        var dataset = DgcnnTextFormat.ReadArchiveEntry(
            archive, EntryName, Name, $"copy {ArchiveFileName} (see shared/data/reddit-binary/PROVENANCE.md) into {RawDirectory(root)}");
        if (dataset.ClassCount != 2)
        {
            throw new DatasetFormatException(archive, $"entry {EntryName} has {dataset.ClassCount} distinct graph labels, expected 2");
        }

        return dataset;
    }
}
