namespace A2Q.Grains.Abstractions;

/// <summary>How many runs an enqueue added and how many were already known (done, running or waiting).</summary>
public sealed record EnqueueResult(int Added, int AlreadyPresent);
