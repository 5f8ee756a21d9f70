using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using A2Q.Simulator;
using A2Q.Simulator.Export;
using A2Q.Simulator.Hardware;
using A2Q.Simulator.Nns;
using A2Q.Simulator.Synthetic;
using A2Q.Simulator.Workloads;

namespace A2Q.Client.Commands;

/// <summary>
/// <c>client simulate</c>: runs the bit-serial accelerator model (paper A.7.5) on a model export from
/// <c>client train --export</c>, or sweeps synthetic bit distributions on a synthetic power-law graph into a CSV.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var export = new Option<string?>("--model-export") { Description = "A model export (JSON) written by client train --export" };
        var sweep = new Option<string?>("--sweep") { Description = "Write the synthetic speedup sweep to this CSV file instead" };
        var nodes = new Option<int>("--nodes") { Description = "Sweep: nodes of the synthetic power-law graph", DefaultValueFactory = _ => 1_000_000 };
        var edges = new Option<int>("--edges") { Description = "Sweep: edges of the synthetic graph", DefaultValueFactory = _ => 10_000_000 };
        var exponent = new Option<double>("--exponent") { Description = "Sweep: power-law exponent γ of the in-degrees", DefaultValueFactory = _ => 2.5 };
        var seed = new Option<int>("--seed") { Description = "Sweep: seed of the graph and the bit draws", DefaultValueFactory = _ => 0 };
        var rawInputBits = new Option<int?>("--raw-input-bits") { Description = "Width of a raw input the learned model leaves unquantized (default: 4, as the INT4 baseline; 1 reads 0/1 features exactly)" };
        var perNode = new Option<bool>("--raw-input-per-node") { Description = "Give the unquantized raw input each node's width from the first learned layer (the paper's §3.1 quantizes every layer)" };
        var unsorted = new Option<bool>("--unsorted") { Description = "Tile nodes in id order instead of by descending in-degree" };
        var table = new Option<int?>("--table") { Description = "6: the Nearest Neighbor Strategy's fixed- vs float-point operation counts (paper Table 6) for the graph-level tasks here" };
        var batch = new Option<int>("--batch") { Description = "Table 6: graphs per batch, at the dataset's mean graph size", DefaultValueFactory = _ => 128 };
        var dataDir = CommonOptions.DataDirectory();
        var json = CommonOptions.Json();
        var command = new Command("simulate", "Cycles, off-chip traffic and energy on the paper's bit-serial accelerator; Speedup over DQ-INT4")
        {
            export, sweep, table, batch, nodes, edges, exponent, seed, rawInputBits, perNode, unsorted, dataDir, json,
        };
        command.SetAction(parse => CommandErrors.Run(() =>
        {
            var options = SimulationOptions.Default with
            {
                RawInputBits = parse.GetValue(rawInputBits), RawInputPerNode = parse.GetValue(perNode), SortByInDegree = !parse.GetValue(unsorted),
            };
            if (options.RawInputBits is < 0 or > 32)
            {
                throw new UsageException($"--raw-input-bits must be between 0 and 32, got {options.RawInputBits}");
            }

            string? exportPath = parse.GetValue(export);
            string? sweepPath = parse.GetValue(sweep);
            int? tableId = parse.GetValue(table);
            if ((exportPath is null ? 0 : 1) + (sweepPath is null ? 0 : 1) + (tableId is null ? 0 : 1) != 1)
            {
                throw new UsageException("give exactly one of --model-export FILE, --sweep FILE.csv or --table 6");
            }

            if (tableId is { } id)
            {
                return id == 6
                    ? OperationCounts(parse.GetValue(dataDir) ?? A2Q.Quant.Data.DataDirectory.Default, parse.GetValue(batch), Console.Out)
                    : throw new UsageException($"--table {id}: only Table 6 is a simulator table");
            }

            return exportPath is not null
                ? Simulate(exportPath, options, parse.GetValue(json), Console.Out)
                : Sweep(sweepPath!, parse.GetValue(nodes), parse.GetValue(edges), parse.GetValue(exponent), (ulong)parse.GetValue(seed), Console.Out, Console.Error);
        }));
        return command;
    }

    internal static int Simulate(string exportPath, SimulationOptions options, bool json, TextWriter output)
    {
        var model = ModelExportFormat.Read(exportPath);
        var hardware = HardwareConfig.Paper;
        var watch = Stopwatch.StartNew();
        var estimate = SpeedupEstimate.Of(model, hardware, options);
        double milliseconds = watch.Elapsed.TotalMilliseconds;
        output.WriteLine($"{model.Model}-{model.Dataset} {model.Method} seed {model.Seed}: {model.AverageBits:F2} average bits, {model.Nodes} nodes");
        output.WriteLine($"  {"phase",-18} {"learned cycles",14} {"INT4 cycles",12} {"learned DRAM B",15} {"INT4 DRAM B",12}");
        for (int p = 0; p < estimate.Learned.Phases.Count; p++)
        {
            var a = estimate.Learned.Phases[p];
            var u = estimate.Uniform.Phases[p];
            output.WriteLine($"  {a.Name,-18} {a.Cycles,14:N0} {u.Cycles,12:N0} {a.DramReadBytes + a.DramWriteBytes,15:N0} {u.DramReadBytes + u.DramWriteBytes,12:N0}");
        }

        output.WriteLine($"  total: {estimate.Learned.Cycles:N0} cycles ({estimate.Learned.Seconds * 1e6:F1} µs at {hardware.ClockHertz / 1e9:G3} GHz) vs {estimate.Uniform.Cycles:N0} for INT4");
        output.WriteLine($"  speedup over DQ-INT4: {estimate.Speedup:F2}x; energy {Microjoules(estimate.Learned.Energy)} vs {Microjoules(estimate.Uniform.Energy)} ({estimate.EnergyRatio:F2}x less)");
        output.WriteLine($"  energy split (learned): {Split(estimate.Learned.Energy)}");
        output.WriteLine($"  simulated in {milliseconds:F1} ms");
        if (json)
        {
            output.WriteLine(new JsonObject
            {
                ["dataset"] = model.Dataset,
                ["model"] = model.Model,
                ["method"] = model.Method,
                ["seed"] = model.Seed,
                ["averageBits"] = model.AverageBits,
                ["speedup"] = Math.Round(estimate.Speedup, 4),
                ["cycles"] = estimate.Learned.Cycles,
                ["uniformCycles"] = estimate.Uniform.Cycles,
                ["stallCycles"] = estimate.Learned.StallCycles,
                ["dramBytes"] = estimate.Learned.DramBytes,
                ["uniformDramBytes"] = estimate.Uniform.DramBytes,
                ["energyPicojoules"] = Math.Round(estimate.Learned.Energy.TotalPicojoules, 1),
                ["uniformEnergyPicojoules"] = Math.Round(estimate.Uniform.Energy.TotalPicojoules, 1),
                ["simulationMilliseconds"] = Math.Round(milliseconds, 3),
                ["phases"] = new JsonArray(estimate.Learned.Phases.Zip(estimate.Uniform.Phases).Select(pair => (JsonNode)new JsonObject
                {
                    ["name"] = pair.First.Name,
                    ["cycles"] = pair.First.Cycles,
                    ["stallCycles"] = pair.First.StallCycles,
                    ["uniformCycles"] = pair.Second.Cycles,
                    ["dramBytes"] = pair.First.DramReadBytes + pair.First.DramWriteBytes,
                }).ToArray()),
            }.ToJsonString());
        }

        return 0;
    }

    internal static int Sweep(string csvPath, int nodes, int edges, double exponent, ulong seed, TextWriter output, TextWriter log)
    {
        if (nodes < 1 || edges < 0)
        {
            throw new UsageException($"--nodes must be at least 1 and --edges at least 0, got {nodes} and {edges}");
        }

        if (!(exponent > 1))
        {
            throw new UsageException($"--exponent must exceed 1, got {exponent}");
        }

        var watch = Stopwatch.StartNew();
        var graph = PowerLawGraph.Generate(nodes, edges, exponent, seed);
        log.WriteLine($"power-law graph (γ = {exponent}): {nodes:N0} nodes, {edges:N0} edges, max in-degree {graph.InDegrees().Max():N0} ({watch.Elapsed.TotalSeconds:F2} s)");

        // The benchmark figure: one simulation of the whole graph at INT4, degree-sorted.
        var four = new int[nodes];
        Array.Fill(four, 4);
        var single = Stopwatch.StartNew();
        var baseline = AcceleratorSimulator.Run(SpeedupSweep.Build(SelfLoopAdjacency.FromCsr(graph.RowPointers, graph.Sources), four, four, 128, 16, 8, ProcessingOrder.ByDescendingInDegree(graph.InDegrees())), HardwareConfig.Paper);
        log.WriteLine($"one INT4 simulation: {baseline.Cycles:N0} cycles, simulated in {single.Elapsed.TotalMilliseconds:F0} ms");
        double[] averages = [1.5, 2.0, 2.5, 3.0, 3.5, 4.0];
        double[] spreads = [0.0, 0.5, 1.0, 1.5, 2.0];
        var text = new StringBuilder("target_average_bits,spread,average_bits,cycles,unsorted_cycles,int4_cycles,speedup,unsorted_speedup,energy_pj,int4_energy_pj,energy_ratio\n");
        int done = 0;
        foreach (var point in SpeedupSweep.Run(graph, inputFeatures: 128, hidden: 16, classes: 8, averages, spreads, HardwareConfig.Paper, seed))
        {
            text.Append(string.Create(CultureInfo.InvariantCulture,
                $"{point.TargetAverageBits},{point.Spread},{point.AverageBits:F4},{point.Cycles},{point.UnsortedCycles},{point.UniformCycles},{point.Speedup:F4},{point.UnsortedSpeedup:F4},{point.EnergyPicojoules:F0},{point.UniformEnergyPicojoules:F0},{point.EnergyRatio:F4}\n"));
            if (++done % spreads.Length == 0)
            {
                log.WriteLine($"  {done}/{averages.Length * spreads.Length} points");
            }
        }

        string? folder = Path.GetDirectoryName(Path.GetFullPath(csvPath));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        string temporary = csvPath + ".part";
        File.WriteAllText(temporary, text.ToString());
        File.Move(temporary, csvPath, overwrite: true);
        output.WriteLine($"wrote {done} sweep points to {csvPath} in {watch.Elapsed.TotalSeconds:F2} s");
        return 0;
    }

    /// <summary>Table 6 for the graph-level datasets on this machine, ours beside the paper's.</summary>
    internal static int OperationCounts(string dataDirectory, int batch, TextWriter output)
    {
        if (batch < 1)
        {
            throw new UsageException($"--batch must be at least 1, got {batch}");
        }

        output.WriteLine($"Table 6: operations of one batch of {batch} graphs of the dataset's mean size (millions); float share = float / all");
        output.WriteLine($"  {"task",-10} {"fixed (ours)",13} {"fixed (paper)",14} {"float (ours)",13} {"float (paper)",14} {"share (ours)",13} {"share (paper)",14}");
        foreach (var (shape, load) in new (GraphModelShape, Func<string, A2Q.Quant.Data.GraphDataset>)[]
        {
            (GraphModelShapes.GinRedditBinary, A2Q.Quant.Data.RedditBinary.Load),
            (GraphModelShapes.GcnZinc, A2Q.Quant.Data.Zinc.Load),
        })
        {
            var dataset = load(dataDirectory);
            double meanNodes = (double)dataset.TotalNodeCount / dataset.Count;
            double meanEdges = (double)dataset.TotalEdgeCount / dataset.Count;
            var count = NnsOperationCount.Count(shape, batch * meanNodes, batch * meanEdges, batch);
            double paperShare = shape.PaperFloatMillions / (shape.PaperFixedMillions + shape.PaperFloatMillions);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {shape.Task,-10} {count.FixedPoint / 1e6,13:F2} {shape.PaperFixedMillions,14:F2} {count.FloatingPoint / 1e6,13:F2} {shape.PaperFloatMillions,14:F2} {100 * count.FloatShare,12:F2}% {100 * paperShare,13:F2}%"));
        }

        return 0;
    }

    private static string Microjoules(EnergyBreakdown energy) => $"{energy.TotalPicojoules / 1e6:F2} µJ";

    private static string Split(EnergyBreakdown e) =>
        $"integer {100 * e.IntegerPicojoules / e.TotalPicojoules:F1}%, float {100 * e.FloatPicojoules / e.TotalPicojoules:F1}%, "
        + $"SRAM {100 * e.SramPicojoules / e.TotalPicojoules:F1}%, off-chip {100 * e.DramPicojoules / e.TotalPicojoules:F1}%";
}
