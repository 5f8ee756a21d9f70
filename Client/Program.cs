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

// Ctrl+C and SIGTERM cancel the command's token; the default 2 s grace would end the process before a sweep's
// silos have handed their runs back to the store (a batch and a checkpoint write can take seconds on REDDIT-BINARY).
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
return await root.Parse(args).InvokeAsync(invocation);
