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

return await root.Parse(args).InvokeAsync();
