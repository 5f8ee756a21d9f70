using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using A2Q.Quant.Data;
using A2Q.Quant.Quantization;
using A2Q.Quant.Training;
using A2Q.Silo;
using A2Q.Simulator;

namespace A2Q.Client.Commands;

/// <summary>
/// <c>client train</c>: runs one recipe over several seeds on this machine and prints mean ± std under both
/// evaluation protocols, ms per epoch and peak memory; <c>--json</c> adds one JSON object as the last line.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = "Cora, CiteSeer or PubMed; REDDIT-BINARY or ZINC (graph-level)", Required = true };
        var model = new Option<string>("--model") { Description = "GCN, GIN, GAT or SAGE", Required = true };
        var method = new Option<string>("--method") { Description = "FP32", DefaultValueFactory = _ => "FP32" };
        var variant = new Option<string>("--variant") { Description = "Recipe variant: authors (the paper's settings) or pytorch-bench", DefaultValueFactory = _ => "authors" };
        var seeds = new Option<int>("--seeds") { Description = "Number of seeds (0, 1, …, N−1); on ZINC the number of runs", DefaultValueFactory = _ => 10 };
        var folds = new Option<int?>("--folds") { Description = "REDDIT-BINARY: run the first N folds of the 10-fold split (default 10), fold k with seed first-seed + k" };
        var firstSeed = new Option<int>("--first-seed") { Description = "First seed", DefaultValueFactory = _ => 0 };
        var epochs = new Option<int?>("--epochs") { Description = "Override the recipe's epoch count" };
        var export = new Option<string?>("--export") { Description = "Write each quantized run's learned bits (per layer, per node) as JSON into this folder, for the simulator" };
        var recipeFile = new Option<string?>("--recipe-file") { Description = "Read recipes from this YAML file instead of the built-in ones" };
        var threads = CommonOptions.Threads();
        var dataDir = CommonOptions.DataDirectory();
        var json = CommonOptions.Json();

        var command = new Command("train", "Train one dataset × model × method over several seeds")
        {
            dataset, model, method, variant, seeds, folds, firstSeed, epochs, recipeFile, export, threads, dataDir, json,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var request = new TrainRequest(
                parse.GetValue(dataset)!, parse.GetValue(model)!, parse.GetValue(method)!, parse.GetValue(variant)!,
                parse.GetValue(seeds), parse.GetValue(firstSeed), parse.GetValue(epochs), parse.GetValue(threads),
                parse.GetValue(dataDir) ?? DataDirectory.Default, parse.GetValue(json), parse.GetValue(recipeFile), parse.GetValue(export), parse.GetValue(folds));
            return Task.FromResult(CommandErrors.Run(() => Execute(request, Console.Out, Console.Error, cancellationToken)));
        });
        return command;
    }

    internal static int Execute(TrainRequest request, TextWriter output, TextWriter log, CancellationToken cancellationToken)
    {
        if (request.Seeds < 1)
        {
            throw new UsageException($"--seeds must be at least 1, got {request.Seeds}");
        }

        if (request.Threads < 1)
        {
            throw new UsageException($"--threads must be at least 1, got {request.Threads}");
        }

        if (request.Epochs is < 1)
        {
            throw new UsageException($"--epochs must be at least 1, got {request.Epochs}");
        }

        if (request.Folds is < 1)
        {
            throw new UsageException($"--folds must be at least 1, got {request.Folds}");
        }

        if (GraphDatasets.Contains(request.Dataset))
        {
            return GraphTraining.Execute(request, output, log, cancellationToken);
        }

        if (request.Folds is not null)
        {
            throw new UsageException($"--folds is for cross-validated graph-level datasets (REDDIT-BINARY), not {request.Dataset}");
        }

        // Name an unknown dataset before looking for its recipe: the recipe error would list every recipe.
        string datasetName = Planetoid.CanonicalName(request.Dataset);
        var book = request.RecipeFile is null ? RecipeBook.Embedded() : RecipeBook.FromFile(request.RecipeFile);
        var recipe = book.Find(datasetName, request.Model, request.Method, request.Variant);
        if (request.Epochs is { } e)
        {
            recipe = recipe with { Epochs = e };
        }

        var dataset = Planetoid.Load(request.DataDirectory, recipe.Dataset);
        var prepared = new PreparedNodeData(dataset, recipe.NormalizeFeatures);
        var trainer = new Trainer(request.Threads);
        log.WriteLine($"{recipe.Model} on {dataset.Name}, {recipe.Method} (recipe {recipe.Key}), {request.Seeds} seeds × {recipe.Epochs} epochs, {request.Threads} threads");

        if (request.ExportDirectory is { } exportDirectory)
        {
            Directory.CreateDirectory(exportDirectory);
        }

        var results = new List<NodeRunResult>();
        var simulations = new List<SpeedupEstimate>();
        for (int k = 0; k < request.Seeds; k++)
        {
            int seed = request.FirstSeed + k;
            var r = trainer.Run(recipe, prepared, seed, progress: null, cancellationToken);
            results.Add(r);
            if (RunSimulation.Estimate(recipe, prepared, r) is { } simulation)
            {
                simulations.Add(simulation);
            }

            if (request.ExportDirectory is { } folder && r.LayerBits.Count > 0)
            {
                ModelExport.Write(folder, recipe, prepared, r);
            }
            log.WriteLine(
                $"  seed {seed,3}: best-test {100 * r.BestTestAccuracy:F1} (epoch {r.BestTestEpoch}), "
                + $"at best-val {100 * r.TestAccuracyAtBestValidation:F1} (epoch {r.BestValidationEpoch}), "
                + (r.LayerBits.Count > 0 ? $"{r.AverageBits:F2} bits, " : string.Empty)
                + $"{r.EpochMillisecondsMedian:F2} ms/epoch, {r.WallSeconds:F1} s  [{k + 1}/{request.Seeds}]");
        }

        var bestTest = SeedStatistics.Of(results.Select(r => 100 * r.BestTestAccuracy).ToList());
        var bestVal = SeedStatistics.Of(results.Select(r => 100 * r.TestAccuracyAtBestValidation).ToList());
        double msPerEpoch = SeedStatistics.Median(results.Select(r => r.EpochMillisecondsMedian));
        double trainMs = SeedStatistics.Median(results.Select(r => r.TrainMillisecondsMedian));
        double evalMs = SeedStatistics.Median(results.Select(r => r.EvalMillisecondsMedian));
        double peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);

        output.WriteLine($"{recipe.Model}-{dataset.Name} {recipe.Method}, {results.Count} seeds, {recipe.Epochs} epochs");
        output.WriteLine($"  accuracy, BestTestEpoch (the paper's protocol): {bestTest} %");
        output.WriteLine($"  accuracy, BestValEpoch (test at best validation): {bestVal} %");
        var inDegrees = dataset.Graph.InDegrees();
        var bitsByInDegree = BitsByInDegree.Of(results.Select(r => r.LayerBits), inDegrees);
        if (results[0].LayerBits.Count > 0)
        {
            output.WriteLine($"  average bits at the best-test epoch (authors' count): {SeedStatistics.Of(results.Select(r => r.AverageBits).ToList())}; "
                + $"dimension-weighted {results.Average(r => r.DimensionWeightedAverageBits):F2}; compression ratio (Eq. 19) {results.Average(r => r.CompressionRatio):F1}x");
            output.WriteLine("  mean in-degree per learned bitwidth (Figure 4; nodes pooled over seeds):");
            foreach (var row in bitsByInDegree)
            {
                output.WriteLine($"    {row.Layer} {row.Bits} bits: {row.Nodes} nodes, mean in-degree {row.MeanInDegree:F2}");
            }
        }

        if (simulations.Count > 0)
        {
            output.WriteLine($"  accelerator (simulated, A.7.5): speedup over DQ-INT4 {SeedStatistics.Of(simulations.Select(s => s.Speedup).ToList())}x; "
                + $"{simulations.Average(s => s.Learned.Cycles):F0} cycles vs {simulations.Average(s => s.Uniform.Cycles):F0}; "
                + $"energy {simulations.Average(s => s.Learned.Energy.TotalPicojoules) / 1e6:F2} µJ vs {simulations.Average(s => s.Uniform.Energy.TotalPicojoules) / 1e6:F2} µJ");
        }

        output.WriteLine($"  ms per epoch (training step + evaluation, median over seeds): {msPerEpoch:F2} (train {trainMs:F2}, eval {evalMs:F2})");
        output.WriteLine($"  peak memory: {peakMb:F0} MB (process working set)");
        if (request.Json)
        {
            var summary = new JsonObject
            {
                ["dataset"] = dataset.Name,
                ["model"] = recipe.Model.ToString(),
                ["method"] = recipe.Method,
                ["variant"] = recipe.Variant,
                ["seeds"] = results.Count,
                ["epochs"] = recipe.Epochs,
                ["threads"] = request.Threads,
                ["accuracy"] = new JsonObject
                {
                    ["bestTestEpoch"] = Stat(bestTest),
                    ["bestValEpoch"] = Stat(bestVal),
                },
                ["averageBits"] = Math.Round(results.Average(r => r.AverageBits), 3),
                ["averageBitsStd"] = Math.Round(SeedStatistics.Of(results.Select(r => r.AverageBits).ToList()).Std, 3),
                ["averageBitsAtBestValEpoch"] = Math.Round(results.Average(r => r.AverageBitsAtBestValidation), 3),
                ["dimensionWeightedAverageBits"] = Math.Round(results.Average(r => r.DimensionWeightedAverageBits), 3),
                ["compressionRatio"] = Math.Round(results.Average(r => r.CompressionRatio), 2),
                ["msPerEpoch"] = Math.Round(msPerEpoch, 3),
                ["speedup"] = simulations.Count > 0 ? Math.Round(simulations.Average(s => s.Speedup), 3) : null,
                ["bitsByInDegree"] = new JsonArray(bitsByInDegree.Select(b => (JsonNode)new JsonObject
                {
                    ["layer"] = b.Layer,
                    ["bits"] = b.Bits,
                    ["nodes"] = b.Nodes,
                    ["meanInDegree"] = Math.Round(b.MeanInDegree, 3),
                }).ToArray()),
                ["trainMsPerEpoch"] = Math.Round(trainMs, 3),
                ["evalMsPerEpoch"] = Math.Round(evalMs, 3),
                ["peakMemoryMb"] = Math.Round(peakMb, 1),
                ["perSeed"] = new JsonArray(results.Select((r, k) => (JsonNode)new JsonObject
                {
                    ["seed"] = r.Seed,
                    ["bestTestEpoch"] = Math.Round(100 * r.BestTestAccuracy, 2),
                    ["bestValEpoch"] = Math.Round(100 * r.TestAccuracyAtBestValidation, 2),
                    ["averageBits"] = Math.Round(r.AverageBits, 3),
                    ["speedup"] = simulations.Count == results.Count ? Math.Round(simulations[k].Speedup, 3) : null,
                    ["msPerEpoch"] = Math.Round(r.EpochMillisecondsMedian, 3),
                }).ToArray()),
            };
            output.WriteLine(summary.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        }

        return 0;
    }

    private static JsonObject Stat(SeedStatistics s) => new()
    {
        ["mean"] = Math.Round(s.Mean, 2),
        ["std"] = Math.Round(s.Std, 2),
    };
}
