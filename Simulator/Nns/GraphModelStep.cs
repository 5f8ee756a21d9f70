namespace A2Q.Simulator.Nns;

/// <summary>
/// One step of a graph-level model for counting operations. <paramref name="NnsInput"/> marks an input that
/// passes a Nearest Neighbor Strategy quantizer (paper §3.3, A.4), which costs one more element-wise float
/// multiply per input element.
/// </summary>
public sealed record GraphModelStep(string Name, GraphStepKind Kind, int InFeatures, int OutFeatures, bool NnsInput);
