namespace A2Q.Simulator.Hardware;

/// <summary>
/// The precision-scalable bit-serial accelerator of paper A.7.5. The defaults are the paper's; the clock and
/// the off-chip bandwidth are not given there and are our assumptions (1 GHz; one HBM 1.0 stack, 128 GB/s).
/// </summary>
public sealed record HardwareConfig
{
    /// <summary>Processing engines; each takes one row (node) of the current tile.</summary>
    public int ProcessingEngines { get; init; } = 256;

    /// <summary>Bit-serial MACs per engine: 16 feature elements (or 16 edges) per step.</summary>
    public int MacsPerEngine { get; init; } = 16;

    /// <summary>Weight bits: the weights stay parallel, so an m-bit feature × 4-bit weight takes m cycles.</summary>
    public int WeightBits { get; init; } = 4;

    public long InputBufferBytes { get; init; } = 2L << 20;

    public long OutputBufferBytes { get; init; } = 2L << 20;

    public long EdgeBufferBytes { get; init; } = 256L << 10;

    public long WeightBufferBytes { get; init; } = 256L << 10;

    /// <summary>Clock of the MAC array. The paper gives none; 1 GHz makes cycles read as nanoseconds.</summary>
    public double ClockHertz { get; init; } = 1e9;

    /// <summary>Off-chip bytes per cycle: HBM 1.0 at 128 GB/s over a 1 GHz clock.</summary>
    public double DramBytesPerCycle { get; init; } = 128;

    /// <summary>Bits of one CSR column index in the edge buffer.</summary>
    public int EdgeIndexBits { get; init; } = 32;

    /// <summary>Bits of one edge value (Â's normalisation or an attention coefficient): quantized like the weights.</summary>
    public int EdgeValueBits { get; init; } = 4;

    public EnergyTable Energy { get; init; } = EnergyTable.Paper;

    public static HardwareConfig Paper { get; } = new();

    /// <summary>Throws with the field's name when a value cannot describe hardware.</summary>
    public HardwareConfig Validate()
    {
        Positive(ProcessingEngines, nameof(ProcessingEngines));
        Positive(MacsPerEngine, nameof(MacsPerEngine));
        Positive(WeightBits, nameof(WeightBits));
        Positive(InputBufferBytes, nameof(InputBufferBytes));
        Positive(OutputBufferBytes, nameof(OutputBufferBytes));
        Positive(EdgeBufferBytes, nameof(EdgeBufferBytes));
        Positive(WeightBufferBytes, nameof(WeightBufferBytes));
        Positive(ClockHertz, nameof(ClockHertz));
        Positive(DramBytesPerCycle, nameof(DramBytesPerCycle));
        Positive(EdgeIndexBits, nameof(EdgeIndexBits));
        Positive(EdgeValueBits, nameof(EdgeValueBits));
        return this;
    }

    private static void Positive(double value, string name)
    {
        if (!(value > 0))
        {
            throw new ArgumentException($"hardware {name} must be positive, got {value}");
        }
    }
}
