namespace A2Q.Simulator.Workloads;

/// <summary>
/// One inference pass as the accelerator sees it: the phases in execution order and the node order the tiles
/// follow. The first phase's input arrives from off-chip memory; the last phase's output returns there.
/// </summary>
public sealed record Workload
{
    public Workload(string name, IReadOnlyList<Phase> phases, int[] processingOrder)
    {
        if (phases.Count == 0)
        {
            throw new ArgumentException($"workload {name} has no phases");
        }

        int nodes = phases[0].Rows;
        foreach (var phase in phases)
        {
            if (phase.Rows != nodes)
            {
                throw new ArgumentException($"workload {name}: phase {phase.Name} has {phase.Rows} rows, the first phase {nodes}");
            }
        }

        ProcessingOrder.Check(name, processingOrder, nodes);
        Name = name;
        Phases = phases;
        Order = processingOrder;
    }

    public string Name { get; }

    public IReadOnlyList<Phase> Phases { get; }

    /// <summary>A permutation of the nodes: tiles take consecutive entries.</summary>
    public int[] Order { get; }

    public int Nodes => Phases[0].Rows;
}
