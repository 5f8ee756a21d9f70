using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using A2Q.Quant.Data;
using A2Q.Quant.Training;

namespace A2Q.Client.Commands;

/// <summary>
/// <c>client bench</c>: epoch times of the engine on the models of the PyTorch speed anchor
/// (shared/bench/pytorch/bench.py, recipe variant "pytorch-bench"), measured as bench.py measures them:
/// per epoch one training step plus one evaluation pass, median over epochs, then median over seeds.
/// With <c>--pytorch DIR</c> it runs bench.py from DIR right after each of ours, so every ratio comes from one run.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var datasets = CommonOptions.NameList("--datasets", "Datasets", ["Cora"]);
        var models = CommonOptions.NameList("--models", "Models", ["GCN", "GAT", "GIN"]);
        var seeds = new Option<int>("--seeds") { Description = "Seeds per model", DefaultValueFactory = _ => 3 };
        var pytorch = new Option<string?>("--pytorch") { Description = "Folder of bench.py (shared/bench/pytorch, after its setup.sh) to run beside ours" };
        var pytorchSeeds = new Option<int>("--pytorch-seeds") { Description = "Seeds for bench.py", DefaultValueFactory = _ => 3 };
        var storeOverhead = new Option<string?>("--store-overhead") { Description = "Instead: measure the run store's cost per run (enqueue, claim, heartbeat, commit) on this store" };
        var threads = CommonOptions.Threads();
        var dataDir = CommonOptions.DataDirectory();
        var json = CommonOptions.Json();
        var command = new Command("bench", "Epoch times on the PyTorch anchor's models, optionally beside PyTorch itself")
        {
            datasets, models, seeds, pytorch, pytorchSeeds, storeOverhead, threads, dataDir, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(storeOverhead) is { } location)
            {
                return await CommandErrors.RunAsync(async () =>
                {
                    await using var store = Grains.Stores.RunStoreLocation.Open(location);
                    await store.InitializeAsync(cancellationToken);
                    await StoreOverheadBenchmark.MeasureAsync(store, 20, cancellationToken); // warm-up: connections, JIT
                    var (enqueue, lifecycle) = await StoreOverheadBenchmark.MeasureAsync(store, 200, cancellationToken);
                    Console.WriteLine($"store {location}: enqueue {enqueue:F3} ms/run, claim + heartbeat + commit {lifecycle:F3} ms/run, total {enqueue + lifecycle:F3} ms/run (200 runs)");
                    return 0;
                });
            }

            return CommandErrors.Run(() =>
        {
            string root = parse.GetValue(dataDir) ?? DataDirectory.Default;
            int threadCount = parse.GetValue(threads);
            int seedCount = parse.GetValue(seeds);
            if (seedCount < 1)
            {
                throw new UsageException($"--seeds must be at least 1, got {seedCount}");
            }

            string? pytorchDir = parse.GetValue(pytorch);
            if (pytorchDir is not null && !File.Exists(Path.Combine(pytorchDir, "bench.py")))
            {
                throw new UsageException($"--pytorch {pytorchDir}: no bench.py there");
            }

            var book = RecipeBook.Embedded();
            var rows = new JsonArray();
            Console.WriteLine($"| dataset | model | ours train ms | ours train+eval ms | PyTorch train ms | PyTorch train+eval ms | speedup (train+eval) |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            foreach (string datasetName in parse.GetValue(datasets)!)
            {
                var dataset = Planetoid.Load(root, datasetName);
                foreach (string modelName in parse.GetValue(models)!)
                {
                    var recipe = book.Find(datasetName, modelName, "FP32", "pytorch-bench");
                    var prepared = new PreparedNodeData(dataset, recipe.NormalizeFeatures);
                    var trainer = new Trainer(threadCount);
                    var results = Enumerable.Range(0, seedCount).Select(s => trainer.Run(recipe, prepared, s, null, cancellationToken)).ToList();
                    double train = SeedStatistics.Median(results.Select(r => r.TrainMillisecondsMedian));
                    double epoch = SeedStatistics.Median(results.Select(r => r.EpochMillisecondsMedian));
                    var row = new JsonObject
                    {
                        ["dataset"] = dataset.Name,
                        ["model"] = recipe.Model.ToString(),
                        ["threads"] = threadCount,
                        ["seeds"] = seedCount,
                        ["trainMs"] = Math.Round(train, 3),
                        ["epochMs"] = Math.Round(epoch, 3),
                        ["bestTestEpoch"] = Math.Round(100 * results.Average(r => r.BestTestAccuracy), 2),
                        ["bestValEpoch"] = Math.Round(100 * results.Average(r => r.TestAccuracyAtBestValidation), 2),
                    };
                    string torchTrain = "–", torchEpoch = "–", ratio = "–";
                    if (pytorchDir is not null)
                    {
                        var torch = RunPyTorch(pytorchDir, dataset.Name, recipe.Model.ToString(), parse.GetValue(pytorchSeeds), threadCount, cancellationToken);
                        double tTrain = torch["train_epoch_ms_median"]!.GetValue<double>();
                        double tEpoch = torch["epoch_ms_median"]!.GetValue<double>();
                        row["pytorchTrainMs"] = tTrain;
                        row["pytorchEpochMs"] = tEpoch;
                        row["speedup"] = Math.Round(tEpoch / epoch, 2);
                        torchTrain = $"{tTrain:F2}";
                        torchEpoch = $"{tEpoch:F2}";
                        ratio = $"{tEpoch / epoch:F1}x";
                    }

                    rows.Add(row);
                    Console.WriteLine($"| {dataset.Name} | {recipe.Model} | {train:F2} | {epoch:F2} | {torchTrain} | {torchEpoch} | {ratio} |");
                }
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(rows.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
            }

            return 0;
        });
        });
        return command;
    }

    /// <summary>Runs bench.py with the main-table settings of its results.md (OpenBLAS, nz input dropout).</summary>
    private static JsonNode RunPyTorch(string directory, string dataset, string model, int seeds, int threads, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "bench.py", "--dataset", dataset.ToLowerInvariant(), "--model", model.ToLowerInvariant(), "--seeds", seeds.ToString(), "--threads", threads.ToString(), "--blas", "openblas", "--input-dropout", "nz" })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new UsageException("could not start /usr/bin/python3");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new UsageException($"bench.py failed (exit {process.ExitCode}): {stderr.Result.Trim().Split('\n').LastOrDefault()}");
        }

        string last = stdout.Trim().Split('\n').Last();
        return JsonNode.Parse(last) ?? throw new UsageException("bench.py printed no JSON");
    }
}
