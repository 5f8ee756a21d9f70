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
}
