using A2Q.Simulator.Hardware;
using A2Q.Simulator.Workloads;
using Xunit;

namespace A2Q.Simulator.Tests;

/// <summary>Cycle and byte counts worked out by hand on graphs of 3 and 4 nodes and 2 engines.</summary>
public sealed class AcceleratorSimulatorTests
{
    // Two engines of 16 MACs: tiles of 2 nodes, so 3–4 nodes make 2 tiles.
    private static readonly HardwareConfig TwoEngines = HardwareConfig.Paper with { ProcessingEngines = 2 };

    [Fact]
    public void CombinationTileCostsItsWidestFeaturePerStepAndColumn()
    {
        // Nodes 0..3 with widths 4,1,4,1; 20 inputs → ⌈20/16⌉ = 2 steps per column; 2 output columns.
        var phase = new CombinationPhase("xw", [4, 1, 4, 1], inFeatures: 20, outFeatures: 2, outputBits: 4);

        // Id order: tiles {0,1} and {2,3} both last 4 cycles per step: 2 columns × 2 steps × (4 + 4) = 32.
        var natural = AcceleratorSimulator.Combination(phase, [0, 1, 2, 3], TwoEngines, inputOnChip: false, last: true);
        Assert.Equal(32, natural.ComputeCycles);

        // Sorted so the two 4-bit nodes share a tile: {0,2} = 4, {1,3} = 1 → 2 × 2 × 5 = 20.
        var sorted = AcceleratorSimulator.Combination(phase, [0, 2, 1, 3], TwoEngines, inputOnChip: false, last: true);
        Assert.Equal(20, sorted.ComputeCycles);

        // X: (4+1+4+1)·20 = 200 bits = 25 B; W: 20·2·4 = 160 bits = 20 B; output 4 nodes · 2 · 4 bits = 4 B.
        Assert.Equal(45, sorted.DramReadBytes);
        Assert.Equal(4, sorted.DramWriteBytes);
        Assert.Equal(0, sorted.StallCycles);

        // Each column re-reads the rows (400 bits), the weight column per tile (2 tiles × 160), 32 output bits.
        Assert.Equal(400 + 320 + 32, sorted.SramBits);

        // Products: Σ widths · F_in · F_out = 10 · 20 · 2 shifted adds.
        Assert.Equal(400, sorted.BitSerialSteps);
        Assert.Equal(2 * 4 * 2, sorted.FloatMultiplies);
    }

    [Fact]
    public void CombinationInputAlreadyOnChipIsNotReadAgain()
    {
        var phase = new CombinationPhase("xw", [4, 1, 4, 1], 20, 2, 4);
        var report = AcceleratorSimulator.Combination(phase, [0, 1, 2, 3], TwoEngines, inputOnChip: true, last: false);
        Assert.Equal(20, report.DramReadBytes);
        Assert.Equal(0, report.DramWriteBytes);
        Assert.False(report.OutputSpilled);
    }

    [Fact]
    public void AggregationTileCostsItsSlowestRow()
    {
        // Rows of 20, 1 and 3 nonzeros, 4-bit operands, 3 columns of B.
        var phase = AggregationPhase.Uniform("ab", [20, 1, 3], operandBits: 4, columns: 3, outputBits: 4);

        // Tile {0,1}: max(⌈20/16⌉·4, ⌈1/16⌉·4) = 8; tile {2}: 4 → 3 columns × 12 = 36.
        var report = AcceleratorSimulator.Aggregation(phase, [0, 1, 2], TwoEngines, inputOnChip: false, last: true);
        Assert.Equal(36, report.ComputeCycles);

        // B: 3 nodes · 3 columns · 4 bits = 36 bits = 5 B; CSR: 24 nonzeros · (32 + 4) bits = 108 B, 4 row pointers = 16 B.
        Assert.Equal(5 + 108 + 16, report.DramReadBytes);

        // Output: 3 · 3 · 4 bits = 36 bits = 5 B, written back because it is the last phase.
        Assert.Equal(5, report.DramWriteBytes);
        Assert.Equal(24L * 4 * 3, report.BitSerialSteps);
    }

    [Fact]
    public void DegreeSortedOrderPutsSimilarRowsInOneTile()
    {
        int[] inDegrees = [1, 40, 2, 33];
        var phase = AggregationPhase.Uniform("ab", inDegrees, 4, columns: 1, outputBits: 4);

        // Id order: {0,1} = ⌈40/16⌉·4 = 12, {2,3} = ⌈33/16⌉·4 = 12 → 24.
        Assert.Equal(24, AcceleratorSimulator.Aggregation(phase, ProcessingOrder.Natural(4), TwoEngines, false, false).ComputeCycles);

        // Sorted [1,3,0,2]: {1,3} = 12, {0,2} = 4 → 16.
        int[] order = ProcessingOrder.ByDescendingInDegree(inDegrees);
        Assert.Equal([1, 3, 2, 0], order);
        Assert.Equal(16, AcceleratorSimulator.Aggregation(phase, order, TwoEngines, false, false).ComputeCycles);
    }

    [Fact]
    public void OperandOverflowingTheInputBufferIsGatheredPerEdgeFromOffChip()
    {
        // B takes 5 B; a 4-byte input buffer cannot hold it, so each of the 24 edges fetches its 4-bit source for
        // each of the 3 columns: 24 · 4 · 3 = 288 bits = 36 B, instead of 5 B once.
        var small = TwoEngines with { InputBufferBytes = 4 };
        var phase = AggregationPhase.Uniform("ab", [20, 1, 3], 4, 3, 4);
        var report = AcceleratorSimulator.Aggregation(phase, [0, 1, 2], small, inputOnChip: true, last: false);
        Assert.Equal(36 + 108 + 16, report.DramReadBytes);
    }

    [Fact]
    public void TileOverflowingTheEdgeBufferStreamsItsRowsAgainForEveryColumn()
    {
        // Tile {0,1} holds 21 nonzeros: 21·36 bits = 95 B (94.5 rounded up) + 3 row pointers · 4 B = 107 B > 100 B.
        // It is fetched once more for each of the 2 further columns; tile {2} (3 nonzeros) fits.
        var small = TwoEngines with { EdgeBufferBytes = 100 };
        var phase = AggregationPhase.Uniform("ab", [20, 1, 3], 4, 3, 4);
        var fits = AcceleratorSimulator.Aggregation(phase, [0, 1, 2], TwoEngines, true, false);
        var overflows = AcceleratorSimulator.Aggregation(phase, [0, 1, 2], small, true, false);
        Assert.Equal(2 * 107, overflows.DramReadBytes - fits.DramReadBytes);
    }

    [Fact]
    public void OffChipTrafficBeyondTheComputeStalls()
    {
        // 1 byte per cycle: the combination moves 49 B in 20 compute cycles, so it stalls 29.
        var slow = TwoEngines with { DramBytesPerCycle = 1 };
        var phase = new CombinationPhase("xw", [4, 1, 4, 1], 20, 2, 4);
        var report = AcceleratorSimulator.Combination(phase, [0, 2, 1, 3], slow, inputOnChip: false, last: true);
        Assert.Equal(29, report.StallCycles);
        Assert.Equal(49, report.Cycles);
    }

    [Fact]
    public void SpilledOutputIsReadBackByTheNextPhase()
    {
        // The combination's 4-byte output does not fit a 2-byte output buffer: it is written out, and the
        // aggregation reads B from off-chip memory although it follows directly.
        var tiny = TwoEngines with { OutputBufferBytes = 2 };
        var phases = new Phase[]
        {
            new CombinationPhase("xw", [4, 1, 4, 1], 20, 2, 4),
            AggregationPhase.Uniform("ab", [1, 1, 1, 1], 4, 2, 1),
        };
        var report = AcceleratorSimulator.Run(new Workload("spill", phases, ProcessingOrder.Natural(4)), tiny);
        Assert.True(report.Phases[0].OutputSpilled);
        Assert.Equal(4, report.Phases[0].DramWriteBytes);

        // B: 4 nodes · 2 columns · 4 bits = 4 B, plus the CSR: 4 · 36 bits = 18 B and 5 row pointers.
        Assert.Equal(4 + 18 + 20, report.Phases[1].DramReadBytes);

        var roomy = AcceleratorSimulator.Run(new Workload("fits", phases, ProcessingOrder.Natural(4)), TwoEngines);
        Assert.False(roomy.Phases[0].OutputSpilled);
        Assert.Equal(18 + 20, roomy.Phases[1].DramReadBytes);
    }

    [Fact]
    public void EnergyFollowsTheFigure21Table()
    {
        var phase = new CombinationPhase("xw", [4, 1, 4, 1], 20, 2, 4);
        var report = AcceleratorSimulator.Combination(phase, [0, 2, 1, 3], TwoEngines, inputOnChip: false, last: true);

        // 400 adds · 0.03 pJ; 16 float multiplies · 3.7 pJ; 752 SRAM bits / 32 · 5 pJ; 49 B · 8 · 7 pJ.
        Assert.Equal(12.0, report.Energy.IntegerPicojoules, 9);
        Assert.Equal(59.2, report.Energy.FloatPicojoules, 9);
        Assert.Equal(117.5, report.Energy.SramPicojoules, 9);
        Assert.Equal(2744.0, report.Energy.DramPicojoules, 9);
    }

    [Fact]
    public void InvalidHardwareNamesTheField()
    {
        var bad = HardwareConfig.Paper with { MacsPerEngine = 0 };
        var error = Assert.Throws<ArgumentException>(() => bad.Validate());
        Assert.Contains("MacsPerEngine", error.Message);
    }

    [Fact]
    public void PhasesRejectWidthsOutsideTheDatapath()
    {
        var error = Assert.Throws<ArgumentException>(() => new CombinationPhase("xw", [4, 33], 2, 2, 4));
        Assert.Contains("node 1", error.Message);
    }
}
