using System.CommandLine;

namespace A2Q.Silo;

/// <summary>
/// How long a process waits, after Ctrl+C or SIGTERM has cancelled its command, for the command to end. Both the
/// `silo` and the `client` (whose `reproduce` runs silos in-process) use it: System.CommandLine's default of 2 s
/// would end the process before its silos have handed their runs back to the store, since a graph-level run stops
/// only at the end of a batch and a batch can take seconds on REDDIT-BINARY. It stays under the 30 s a Kubernetes
/// silo pod is given before SIGKILL (k8s/silo.yaml), so a slow stop still ends on its own terms.
/// </summary>
public static class StopGrace
{
    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(25);

    public static InvocationConfiguration Invocation() => new() { ProcessTerminationTimeout = Timeout };
}
