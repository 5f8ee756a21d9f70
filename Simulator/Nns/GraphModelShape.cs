namespace A2Q.Simulator.Nns;

/// <summary>A graph-level model as a list of steps, with the paper's Table 6 figures for its task (in millions).</summary>
public sealed record GraphModelShape(string Task, string Dataset, IReadOnlyList<GraphModelStep> Steps, double PaperFixedMillions, double PaperFloatMillions);
