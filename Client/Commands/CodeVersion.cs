using System.Reflection;

namespace A2Q.Client.Commands;

/// <summary>The engine version recorded with every run (the assembly's informational version).</summary>
internal static class CodeVersion
{
    public static string Current { get; } =
        typeof(A2Q.Quant.Training.Trainer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
