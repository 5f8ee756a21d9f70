using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using A2Q.Grains.Abstractions;
using A2Q.Quant.Data;
using A2Q.Quant.Training;
using A2Q.Simulator;

namespace A2Q.Silo;

/// <summary>
/// Executes one run: finds its recipe, loads (once per process) and prepares its dataset, trains, and
/// returns the result as JSON. A missing recipe or dataset is a <see cref="PermanentRunFailure"/>:
/// retrying cannot fix it.
/// </summary>
public sealed class RunExecutor(string dataDirectory, int threadsPerRun)
{
    private readonly RecipeBook recipes = RecipeBook.Embedded();
    private readonly ConcurrentDictionary<(string Dataset, bool Normalize), Lazy<PreparedNodeData>> data = new();

    public int ThreadsPerRun { get; } = threadsPerRun;

    public string Execute(RunSpec spec, string siloId, int attempt, IProgress<EpochReport>? progress, CancellationToken cancellationToken)
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

        return new JsonObject
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
            ["threads"] = ThreadsPerRun,
            ["silo"] = siloId,
            ["attempt"] = attempt,
            ["parameterChecksum"] = result.ParameterChecksum.ToString("x16"),
            ["speedup"] = simulation?.Speedup,
            ["acceleratorCycles"] = simulation?.Learned.Cycles,
            ["int4Cycles"] = simulation?.Uniform.Cycles,
            ["acceleratorEnergyPicojoules"] = simulation?.Learned.Energy.TotalPicojoules,
            ["simulationError"] = simulationError,
        }.ToJsonString();
    }
}
