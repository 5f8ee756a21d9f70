namespace A2Q.Simulator;

/// <summary>What one phase cost: cycles, on-chip and off-chip traffic, operations and energy.</summary>
public sealed record PhaseReport
{
    public required string Name { get; init; }

    /// <summary>Cycles the MAC array is busy: per tile, its slowest engine.</summary>
    public required long ComputeCycles { get; init; }

    /// <summary>Cycles lost waiting for off-chip memory beyond what the compute hides.</summary>
    public required long StallCycles { get; init; }

    public long Cycles => ComputeCycles + StallCycles;

    public required long DramReadBytes { get; init; }

    public required long DramWriteBytes { get; init; }

    public required long SramBits { get; init; }

    /// <summary>Bit-serial add steps actually performed (idle lanes of a tile are clock-gated).</summary>
    public required long BitSerialSteps { get; init; }

    public required long FloatMultiplies { get; init; }

    public required long FloatOperationsOther { get; init; }

    /// <summary>Whether the phase's output overflowed the output buffer and went to off-chip memory.</summary>
    public required bool OutputSpilled { get; init; }

    public required EnergyBreakdown Energy { get; init; }
}
