using A2Q.Quant.Data;
using A2Q.Quant.Data.Batching;
using A2Q.Quant.Tests.Data.Batching;
using A2Q.Quant.Training;
using A2Q.Quant.Training.Checkpoints;
using Xunit;

namespace A2Q.Quant.Tests.Training.Checkpoints;

public class GraphRunCheckpointTests
{
    private static readonly GraphSplit PathsAndStarsSplit = new(
        Enumerable.Range(0, 40).ToArray(), Enumerable.Range(40, 10).ToArray(), Enumerable.Range(50, 10).ToArray());

    /// <summary>A REDDIT-BINARY GIN recipe, shrunk, whose StepLR fires inside the run (every 3 epochs).</summary>
    private static GraphRecipe Gin(string method)
    {
        var recipe = RecipeBook.Embedded().FindGraph("REDDIT-BINARY", "GIN", method);
        return recipe with
        {
            Layers = 2,
            Hidden = 8,
            BatchSize = 8,
            Epochs = 7,
            Schedule = recipe.Schedule with { StepEpochs = 3 },
            NearestNeighbor = recipe.NearestNeighbor with { Groups = 20 },
        };
    }

    public static TheoryData<string, string> Recipes => new()
    {
        { "REDDIT-BINARY", "FP32" },
        { "REDDIT-BINARY", "A2Q" },
        { "REDDIT-BINARY", "DQ" },
        { "ZINC-GCN", "A2Q" },   // ReduceLROnPlateau, embeddings, NNS on a regression
        { "ZINC-GAT", "DQ" },    // attention, Degree-Quant's edge masks
    };

    [Theory]
    [MemberData(nameof(Recipes))]
    public void ARunStoppedAfterAnEpochAndResumedEqualsOneTrainedInOneGo(string task, string method)
    {
        var (recipe, data, split) = Task(task, method);
        var whole = new Trainer(threads: 1).Run(recipe, data, split, seed: 3);

        var store = new MemoryCheckpointStore();
        var log = new List<string>();
        var checkpoint = new RunCheckpoint(store, "run-a", log.Add);
        using var stop = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new Trainer(threads: 1).Run(recipe, data, split, seed: 3, progress: new StopAfter(3, stop), cancellationToken: stop.Token, checkpoint: checkpoint));
        Assert.NotNull(store.Payload);

        // Resumed at two threads: the state carries over whatever the thread count.
        var resumed = new Trainer(threads: 2).Run(recipe, data, split, seed: 3, checkpoint: checkpoint);

        Assert.Equal(3, resumed.ResumedAtEpoch);
        Assert.Contains(log, line => line.StartsWith("resuming after epoch 3 of 7", StringComparison.Ordinal));
        Assert.Equal(whole.ParameterChecksum, resumed.ParameterChecksum);
        Assert.Equal(
            (whole.BestTestMetric, whole.BestTestEpoch, whole.TestMetricAtBestValidation, whole.TestMetricAtMinValidationLoss, whole.FinalTestMetric, whole.FinalTrainingLoss, whole.AverageBits),
            (resumed.BestTestMetric, resumed.BestTestEpoch, resumed.TestMetricAtBestValidation, resumed.TestMetricAtMinValidationLoss, resumed.FinalTestMetric, resumed.FinalTrainingLoss, resumed.AverageBits));
        Assert.Equal(whole.LayerBits, resumed.LayerBits);
    }

    [Fact]
    public void AStateOfAnotherRunIsDiscardedAndTheRunStartsAfresh()
    {
        var (recipe, data, split) = Task("REDDIT-BINARY", "FP32");
        var store = new MemoryCheckpointStore();
        using var stop = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => new Trainer(1).Run(
            recipe, data, split, seed: 3, progress: new StopAfter(2, stop), cancellationToken: stop.Token, checkpoint: new RunCheckpoint(store, "run-a")));

        var log = new List<string>();
        var other = new Trainer(1).Run(recipe, data, split, seed: 3, checkpoint: new RunCheckpoint(store, "run-b", log.Add));

        Assert.Equal(0, other.ResumedAtEpoch);
        Assert.Contains(log, line => line.Contains("belongs to another run or recipe", StringComparison.Ordinal));
        Assert.Equal(new Trainer(1).Run(recipe, data, split, seed: 3).ParameterChecksum, other.ParameterChecksum);
    }

    [Fact]
    public void ADamagedFileIsNamedDeletedAndTheRunStartsAfresh()
    {
        var (recipe, data, split) = Task("REDDIT-BINARY", "FP32");
        string directory = Path.Combine(Path.GetTempPath(), $"a2q-ckpt-{Guid.NewGuid():N}");
        string path = Path.Combine(directory, "run.ckpt");
        try
        {
            var store = new FileCheckpointStore(path);
            using var stop = new CancellationTokenSource();
            Assert.ThrowsAny<OperationCanceledException>(() => new Trainer(1).Run(
                recipe, data, split, seed: 3, progress: new StopAfter(2, stop), cancellationToken: stop.Token, checkpoint: new RunCheckpoint(store, "run-a")));
            Assert.Equal(["run.ckpt"], Directory.GetFiles(directory).Select(Path.GetFileName));

            // A crash mid-copy, say: the file loses its tail.
            var bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
            var log = new List<string>();
            var result = new Trainer(1).Run(recipe, data, split, seed: 3, checkpoint: new RunCheckpoint(store, "run-a", log.Add));

            Assert.Equal(0, result.ResumedAtEpoch);
            Assert.Contains(log, line => line.Contains(path, StringComparison.Ordinal) && line.Contains("truncated", StringComparison.Ordinal));
            Assert.Equal(new Trainer(1).Run(recipe, data, split, seed: 3).ParameterChecksum, result.ParameterChecksum);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void AStoreThatCannotSaveCostsResumabilityNotTheRun()
    {
        var (recipe, data, split) = Task("REDDIT-BINARY", "FP32");
        var log = new List<string>();
        var result = new Trainer(1).Run(recipe, data, split, seed: 3, checkpoint: new RunCheckpoint(new FullDisk(), "run-a", log.Add));

        Assert.Equal(new Trainer(1).Run(recipe, data, split, seed: 3).ParameterChecksum, result.ParameterChecksum);
        Assert.Equal(6, log.Count(line => line.Contains("cannot save a checkpoint to full-disk", StringComparison.Ordinal)));
    }

    [Fact]
    public void ADamagedStateThatCannotBeRemovedIsReportedAndTheRunStillTrains()
    {
        var (recipe, data, split) = Task("REDDIT-BINARY", "FP32");
        var log = new List<string>();
        var result = new Trainer(1).Run(recipe, data, split, seed: 3, checkpoint: new RunCheckpoint(new DamagedReadOnly(), "run-a", log.Add));

        Assert.Equal(0, result.ResumedAtEpoch);
        Assert.Equal(new Trainer(1).Run(recipe, data, split, seed: 3).ParameterChecksum, result.ParameterChecksum);
        Assert.Contains("read-only.ckpt: truncated; starting from epoch 0", log);
        Assert.Contains("cannot remove read-only.ckpt: read-only file system", log);
    }

    [Fact]
    public void AFileStoreReplacesItsFileWholeAndClearsTemporariesOfAKilledSave()
    {
        string directory = Path.Combine(Path.GetTempPath(), $"a2q-ckpt-{Guid.NewGuid():N}");
        string path = Path.Combine(directory, "run.ckpt");
        try
        {
            var store = new FileCheckpointStore(path);
            Assert.Null(store.Load());
            store.Save([1, 2, 3]);
            store.Save([4, 5]);
            Assert.Equal(new byte[] { 4, 5 }, store.Load());

            // A process killed between writing its temporary file and the rename leaves the file behind.
            File.WriteAllBytes(path + ".4242.tmp", [9, 9]);
            Assert.Equal(new byte[] { 4, 5 }, store.Load());
            Assert.Equal(["run.ckpt"], Directory.GetFiles(directory).Select(Path.GetFileName));

            store.Delete();
            Assert.Null(store.Load());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void FramingRejectsForeignAlteredAndTruncatedBytesByName()
    {
        var framed = CheckpointFormat.Frame([1, 2, 3, 4, 5]);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, CheckpointFormat.Unframe(framed, "x.ckpt"));

        Assert.Contains("not an A2Q checkpoint", Assert.Throws<InvalidDataException>(() => CheckpointFormat.Unframe("hello world, not ours"u8.ToArray(), "x.ckpt")).Message);
        var altered = (byte[])framed.Clone();
        altered[20] ^= 1;   // the first payload byte (after the 8-byte magic, the version and the length)
        Assert.Contains("x.ckpt: checkpoint checksum mismatch", Assert.Throws<InvalidDataException>(() => CheckpointFormat.Unframe(altered, "x.ckpt")).Message);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => CheckpointFormat.Unframe(framed[..^1], "x.ckpt")).Message);
    }

    private static (GraphRecipe Recipe, PreparedGraphData Data, GraphSplit Split) Task(string task, string method)
    {
        if (task == "REDDIT-BINARY")
        {
            return (Gin(method), new PreparedGraphData(SyntheticGraphs.PathsAndStars(60), NodeInputKind.StandardizedDegree), PathsAndStarsSplit);
        }

        var dataset = SyntheticGraphs.TypedPathsRegression(48);
        var baseRecipe = RecipeBook.Embedded().FindGraph("ZINC", task == "ZINC-GAT" ? "GAT" : "GCN", method);
        var recipe = baseRecipe with
        {
            Hidden = task == "ZINC-GAT" ? 4 : 8,
            Heads = task == "ZINC-GAT" ? 2 : baseRecipe.Heads,
            Layers = 2,
            BatchSize = 16,
            Epochs = 7,
            EmbeddingTypes = 3,
            NearestNeighbor = baseRecipe.NearestNeighbor with { Groups = 20 },
        };
        return (recipe, new PreparedGraphData(dataset, NodeInputKind.NodeTypes, 3), dataset.StandardSplit!);
    }

    /// <summary>Cancels the run once the given number of epochs has finished (synchronously, unlike Progress&lt;T&gt;).</summary>
    private sealed class StopAfter(int epochs, CancellationTokenSource stop) : IProgress<EpochReport>
    {
        public void Report(EpochReport value)
        {
            if (value.Epoch + 1 == epochs)
            {
                stop.Cancel();
            }
        }
    }

    private sealed class FullDisk : ICheckpointStore
    {
        public string Location => "full-disk";

        public byte[]? Load() => null;

        public void Save(byte[] payload) => throw new IOException("No space left on device");

        public void Delete()
        {
        }
    }

    private sealed class DamagedReadOnly : ICheckpointStore
    {
        public string Location => "read-only.ckpt";

        public byte[]? Load() => throw new InvalidDataException("read-only.ckpt: truncated");

        public void Save(byte[] payload)
        {
        }

        public void Delete() => throw new UnauthorizedAccessException("read-only file system");
    }

    private sealed class MemoryCheckpointStore : ICheckpointStore
    {
        public byte[]? Payload { get; private set; }

        public string Location => "memory";

        public byte[]? Load() => Payload is null ? null : CheckpointFormat.Unframe(Payload, Location);

        public void Save(byte[] payload) => Payload = CheckpointFormat.Frame(payload);

        public void Delete() => Payload = null;
    }
}
