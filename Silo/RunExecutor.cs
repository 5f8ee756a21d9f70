using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using A2Q.Grains.Abstractions;
using A2Q.Quant.Data;
using A2Q.Quant.Data.Batching;
using A2Q.Quant.Data.Folds;
using A2Q.Quant.Training;
using A2Q.Simulator;

namespace A2Q.Silo;

/// <summary>
/// Executes one run: finds its recipe, loads (once per process) and prepares its dataset, trains, and
/// returns the result as JSON. Graph-level datasets run on their standard split or, for a cross-validated one, on
/// the spec's fold. A missing recipe, dataset or fold is a <see cref="PermanentRunFailure"/>: retrying cannot fix it.
/// With a <paramref name="checkpointDirectory"/>, a graph-level run (an hour or more on REDDIT-BINARY) saves its state
/// there after every epoch, and a run that was interrupted — a silo killed, a lease lost — continues from its last
/// epoch when a silo with the same directory takes it up again; the file is removed once the run has succeeded.
/// </summary>
public sealed class RunExecutor(string dataDirectory, int threadsPerRun, RecipeBook? recipeBook = null, string? checkpointDirectory = null, TextWriter? log = null)
{
    private readonly RecipeBook recipes = recipeBook ?? RecipeBook.Embedded();
    private readonly ConcurrentDictionary<(string Dataset, bool Normalize), Lazy<PreparedNodeData>> data = new();
    private readonly ConcurrentDictionary<string, Lazy<GraphDataset>> graphDatasets = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<(string Dataset, NodeInputKind Input, int Types), Lazy<PreparedGraphData>> graphData = new();

    public int ThreadsPerRun { get; } = threadsPerRun;

    public string Execute(RunSpec spec, string siloId, int attempt, IProgress<EpochReport>? progress, CancellationToken cancellationToken) =>
        GraphDatasets.Contains(spec.Dataset)
            ? ExecuteGraphLevel(spec, siloId, attempt, progress, cancellationToken)
            : ExecuteNodeLevel(spec, siloId, attempt, progress, cancellationToken);

    private string ExecuteNodeLevel(RunSpec spec, string siloId, int attempt, IProgress<EpochReport>? progress, CancellationToken cancellationToken)
    {
        NodeRecipe recipe;
        PreparedNodeData prepared;
        try
        {
            recipe = recipes.Find(spec.Dataset, spec.Model, spec.Method, spec.Variant);
            if (spec.Epochs is { } epochs)
            {
                recipe = recipe with { Epochs = epochs };
            }

            prepared = data.GetOrAdd(
                (recipe.Dataset, recipe.NormalizeFeatures),
                key => new Lazy<PreparedNodeData>(() => new PreparedNodeData(Planetoid.Load(dataDirectory, key.Dataset), key.Normalize))).Value;
        }
        catch (Exception e) when (e is KeyNotFoundException or DatasetFormatException or ArgumentException)
        {
            // The failed Lazy must not poison later runs once the data appears.
            data.TryRemove((spec.Dataset, false), out _);
            data.TryRemove((spec.Dataset, true), out _);
            throw new PermanentRunFailure(e.Message, e);
        }

        var result = new Trainer(ThreadsPerRun).Run(recipe, prepared, spec.Seed, progress, cancellationToken);
        // A model the simulator cannot describe must not cost the trained result: the run keeps it and says why.
        SpeedupEstimate? simulation = null;
        string? simulationError = null;
        try
        {
            simulation = RunSimulation.Estimate(recipe, prepared, result);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            simulationError = e.Message;
        }

        return Committed(siloId, attempt, result.ParameterChecksum, new JsonObject
        {
            ["seed"] = result.Seed,
            ["epochs"] = result.Epochs,
            ["bestTestAccuracy"] = result.BestTestAccuracy,
            ["bestTestEpoch"] = result.BestTestEpoch,
            ["testAccuracyAtBestValidation"] = result.TestAccuracyAtBestValidation,
            ["bestValidationAccuracy"] = result.BestValidationAccuracy,
            ["bestValidationEpoch"] = result.BestValidationEpoch,
            ["finalTestAccuracy"] = result.FinalTestAccuracy,
            ["averageBits"] = result.AverageBits,
            ["averageBitsAtBestValidation"] = result.AverageBitsAtBestValidation,
            ["dimensionWeightedAverageBits"] = result.DimensionWeightedAverageBits,
            ["compressionRatio"] = result.CompressionRatio,
            ["epochMilliseconds"] = result.EpochMillisecondsMedian,
            ["trainMilliseconds"] = result.TrainMillisecondsMedian,
            ["evalMilliseconds"] = result.EvalMillisecondsMedian,
            ["wallSeconds"] = result.WallSeconds,
            ["speedup"] = simulation?.Speedup,
            ["acceleratorCycles"] = simulation?.Learned.Cycles,
            ["int4Cycles"] = simulation?.Uniform.Cycles,
            ["acceleratorEnergyPicojoules"] = simulation?.Learned.Energy.TotalPicojoules,
            ["simulationError"] = simulationError,
        });
    }

    private string ExecuteGraphLevel(RunSpec spec, string siloId, int attempt, IProgress<EpochReport>? progress, CancellationToken cancellationToken)
    {
        GraphRecipe recipe;
        PreparedGraphData prepared;
        GraphSplit split;
        string dataset = GraphDatasets.CanonicalName(spec.Dataset);
        try
        {
            recipe = recipes.FindGraph(dataset, spec.Model, spec.Method, spec.Variant);
            if (spec.Epochs is { } epochs)
            {
                recipe = recipe with { Epochs = epochs };
            }

            var loaded = graphDatasets.GetOrAdd(dataset, name => new Lazy<GraphDataset>(() => GraphDatasets.Load(dataDirectory, name))).Value;
            prepared = graphData.GetOrAdd(
                (dataset, recipe.NodeInput, recipe.EmbeddingTypes),
                key => new Lazy<PreparedGraphData>(() => new PreparedGraphData(loaded, key.Input, key.Types))).Value;
            split = Split(loaded, spec);
        }
        catch (Exception e) when (e is KeyNotFoundException or DatasetFormatException or ArgumentException)
        {
            // The failed Lazy must not poison later runs once the data appears.
            graphDatasets.TryRemove(dataset, out _);
            foreach (var key in graphData.Keys.Where(k => k.Dataset == dataset))
            {
                graphData.TryRemove(key, out _);
            }

            throw new PermanentRunFailure(e.Message, e);
        }

        var checkpoint = checkpointDirectory is null ? null : new Quant.Training.Checkpoints.RunCheckpoint(
            new Quant.Training.Checkpoints.FileCheckpointStore(RunCheckpoints.PathFor(checkpointDirectory, spec.Key)),
            RunCheckpoints.Identity(spec, recipe),
            message => log?.WriteLine($"{spec.Key}: {message}"));
        var result = new Trainer(ThreadsPerRun).Run(recipe, prepared, split, spec.Seed, spec.Fold, progress, cancellationToken, checkpoint);
        checkpoint?.Discard();
        return Committed(siloId, attempt, result.ParameterChecksum, new JsonObject
        {
            ["seed"] = result.Seed,
            ["fold"] = result.Fold,
            ["epochs"] = result.Epochs,
            ["metric"] = result.HigherIsBetter ? "accuracy" : "mae",
            ["bestTestMetric"] = result.BestTestMetric,
            ["bestTestEpoch"] = result.BestTestEpoch,
            ["testMetricAtBestValidation"] = result.TestMetricAtBestValidation,
            ["bestValidationEpoch"] = result.BestValidationEpoch,
            ["testMetricAtMinValidationLoss"] = result.TestMetricAtMinValidationLoss,
            ["minValidationLossEpoch"] = result.MinValidationLossEpoch,
            ["finalTestMetric"] = result.FinalTestMetric,
            ["finalTrainingLoss"] = result.FinalTrainingLoss,
            ["averageBits"] = result.AverageBits,
            // Bits only: the graph-level runs count no step sizes (client train reports the same ratio).
            ["compressionRatio"] = 32 / result.AverageBits,
            ["epochMilliseconds"] = result.EpochMillisecondsMedian,
            ["trainMilliseconds"] = result.TrainMillisecondsMedian,
            ["evalMilliseconds"] = result.EvalMillisecondsMedian,
            ["wallSeconds"] = result.WallSeconds,
            ["resumedAtEpoch"] = result.ResumedAtEpoch,
            ["peakActivationBytes"] = result.PeakActivationBytes,
        });
    }

    /// <summary>A result as the store keeps it: the run's figures and who computed it, with how many threads.</summary>
    private string Committed(string siloId, int attempt, ulong parameterChecksum, JsonObject result)
    {
        result["threads"] = ThreadsPerRun;
        result["silo"] = siloId;
        result["attempt"] = attempt;
        result["parameterChecksum"] = parameterChecksum.ToString("x16");
        return result.ToJsonString();
    }

    /// <summary>The spec's fold of a cross-validated dataset (as <c>client train</c> splits it), or the standard split.</summary>
    private static GraphSplit Split(GraphDataset dataset, RunSpec spec)
    {
        if (GraphDatasets.IsCrossValidated(dataset))
        {
            var folds = CrossValidationFolds.Create(dataset);
            return spec.Fold is int fold && fold >= 0 && fold < folds.Count
                ? folds[fold]
                : throw new ArgumentException($"{dataset.Name} is cross-validated over {folds.Count} folds: run {spec.Key} needs a fold in [0, {folds.Count}), has {spec.Fold?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
        }

        return spec.Fold is null
            ? dataset.StandardSplit!
            : throw new ArgumentException($"{dataset.Name} has a standard split and no folds: run {spec.Key} names fold {spec.Fold}");
    }
}
