using A2Q.Simulator.Hardware;

namespace A2Q.Simulator;

/// <summary>Energy by source, in picojoules (paper A.7.6: memory traffic dominates arithmetic).</summary>
public sealed record EnergyBreakdown(double IntegerPicojoules, double FloatPicojoules, double SramPicojoules, double DramPicojoules)
{
    public double TotalPicojoules => IntegerPicojoules + FloatPicojoules + SramPicojoules + DramPicojoules;

    public static EnergyBreakdown Zero { get; } = new(0, 0, 0, 0);

    public static EnergyBreakdown Of(EnergyTable table, long bitSerialSteps, long floatMultiplies, long floatOther, long sramBits, long dramBytes) => new(
        bitSerialSteps * table.IntAddPicojoules,
        floatMultiplies * table.FloatMultiplyPicojoules + floatOther * table.FloatAddPicojoules,
        sramBits / 32.0 * table.SramPicojoulesPer32Bits,
        dramBytes * 8.0 * table.DramPicojoulesPerBit);

    public EnergyBreakdown Plus(EnergyBreakdown other) => new(
        IntegerPicojoules + other.IntegerPicojoules,
        FloatPicojoules + other.FloatPicojoules,
        SramPicojoules + other.SramPicojoules,
        DramPicojoules + other.DramPicojoules);
}
