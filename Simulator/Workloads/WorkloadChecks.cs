namespace A2Q.Simulator.Workloads;

/// <summary>Argument checks the phase types share.</summary>
internal static class WorkloadChecks
{
    /// <summary>Bit-serial widths are 0 (a feature quantized to zero) up to 32.</summary>
    public static void Widths(string phase, int[] widths)
    {
        for (int i = 0; i < widths.Length; i++)
        {
            if ((uint)widths[i] > 32)
            {
                throw new ArgumentException($"phase {phase}: node {i} has bit width {widths[i]}, outside 0..32");
            }
        }
    }
}
