using System.CommandLine;
using A2Q.Client.Commands;

// Composition only: each command lives in its own class.
var root = new RootCommand("A2Q.Cluster: reproduce the tables of \"A²Q: Aggregation-Aware Quantization for Graph Neural Networks\" (ICLR 2023)")
{
    ReproduceCommand.Create(),
    TablesCommand.Create(),
    StatusCommand.Create(),
    ResultsCommand.Create(),
    TrainCommand.Create(),
    BenchCommand.Create(),
    DataCommand.Create(),
    SimulateCommand.Create(),
};

// Ctrl+C and SIGTERM cancel the command's token; a sweep's silos then hand their runs back before the process ends.
return await root.Parse(args).InvokeAsync(A2Q.Silo.StopGrace.Invocation());
