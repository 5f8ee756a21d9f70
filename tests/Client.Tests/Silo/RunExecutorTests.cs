using A2Q.Grains.Abstractions;
using A2Q.Quant.Training;
using A2Q.Silo;
using Xunit;

namespace A2Q.Client.Tests.Silo;

/// <summary>How the executor picks a graph-level run's split: a fold a dataset does not have is a permanent failure, not a retry.</summary>
public class RunExecutorTests
{
    private static RunSpec Zinc(int? fold) => new()
    {
        Key = $"t/ZINC/GCN/FP32/{(fold is null ? "seed=0" : $"fold={fold}")}", Dataset = "ZINC", Model = "GCN", Method = "FP32",
        Seed = 0, Fold = fold, Epochs = 1, Row = "GCN-ZINC", CodeVersion = "test",
    };

    [Fact]
    public void AFoldOnAStandardSplitAndAMissingGraphRecipeFailPermanently()
    {
        var executor = new RunExecutor(ClientProcess.DataDirectory, 1, new RecipeBook([], []));
        var noRecipe = Assert.Throws<PermanentRunFailure>(() => executor.Execute(Zinc(null), "s", 1, null, default));
        Assert.Contains("no graph-level recipe for dataset ZINC", noRecipe.Message);

        var withRecipe = new RunExecutor(ClientProcess.DataDirectory, 1, RecipeBook.Embedded());
        var fold = Assert.Throws<PermanentRunFailure>(() => withRecipe.Execute(Zinc(2), "s", 1, null, default));
        Assert.Contains("ZINC has a standard split and no folds", fold.Message);
    }

    [Fact]
    public void AnInterruptedGraphRunResumesFromItsCheckpointFileWhichGoesOnceTheRunSucceeds()
    {
        // A small GCN on the real ZINC files: three epochs, interrupted after the second.
        var recipe = RecipeBook.Embedded().FindGraph("ZINC", "GCN", "FP32") with { Hidden = 8, Layers = 1, BatchSize = 2048 };
        var book = new RecipeBook([], [recipe]);
        string directory = Path.Combine(Path.GetTempPath(), $"a2q-exec-ckpt-{Guid.NewGuid():N}");
        var log = new StringWriter();
        var spec = Zinc(null) with { Epochs = 3 };
        try
        {
            var executor = new RunExecutor(ClientProcess.DataDirectory, 1, book, directory, log);
            using var stop = new CancellationTokenSource();
            Assert.ThrowsAny<OperationCanceledException>(() => executor.Execute(spec, "s", 1, new StopAfter(2, stop), stop.Token));
            string file = RunCheckpoints.PathFor(directory, spec.Key);
            Assert.True(File.Exists(file), $"no checkpoint at {file}");

            // One file, named after the run key.
            Assert.Equal(["t_ZINC_GCN_FP32_seed=0"], Directory.GetFiles(directory).Select(f => Path.GetFileName(f)[..^14]));
            string resumed = executor.Execute(spec, "s", 2, null, default);

            Assert.Contains("\"resumedAtEpoch\":2", resumed);
            Assert.Contains($"{spec.Key}: resuming after epoch 2 of 3", log.ToString());
            Assert.False(File.Exists(file), "the checkpoint of a finished run is removed");
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public void ACheckpointOfAnotherBuildOrRecipeIsNotResumed()
    {
        var recipe = RecipeBook.Embedded().FindGraph("ZINC", "GCN", "FP32") with { Hidden = 8, Layers = 1, BatchSize = 2048 };
        string directory = Path.Combine(Path.GetTempPath(), $"a2q-exec-ckpt-{Guid.NewGuid():N}");
        var log = new StringWriter();
        var spec = Zinc(null) with { Epochs = 3 };
        try
        {
            using var stop = new CancellationTokenSource();
            Assert.ThrowsAny<OperationCanceledException>(() =>
                new RunExecutor(ClientProcess.DataDirectory, 1, new RecipeBook([], [recipe]), directory, log).Execute(spec, "s", 1, new StopAfter(1, stop), stop.Token));

            // The recipe changed between the interruption and the retry: its state is of no use.
            var changed = new RunExecutor(ClientProcess.DataDirectory, 1, new RecipeBook([], [recipe with { LearningRate = 0.002f }]), directory, log);
            string result = changed.Execute(spec, "s", 2, null, default);

            Assert.Contains("\"resumedAtEpoch\":0", result);
            Assert.Contains("belongs to another run or recipe; starting from epoch 0", log.ToString());
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>Cancels once the given number of epochs has finished.</summary>
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
}
