namespace A2Q.Grains.Abstractions;

/// <summary>The life of one run (one grain): Pending → Leased → Succeeded | Failed | Cancelled.</summary>
public enum RunState
{
    Pending,
    Leased,
    Succeeded,
    Failed,
    Cancelled,
}
