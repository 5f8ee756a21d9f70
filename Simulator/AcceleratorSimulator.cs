using A2Q.Simulator.Hardware;
using A2Q.Simulator.Workloads;

namespace A2Q.Simulator;

/// <summary>
/// The cycle model of the paper's bit-serial accelerator (A.7.5), as pure functions of a workload and a
/// hardware configuration. Every phase runs tile by tile: a tile is <see cref="HardwareConfig.ProcessingEngines"/>
/// consecutive nodes of the workload's order, one node per engine, and for each output column every engine
/// takes ⌈work / <see cref="HardwareConfig.MacsPerEngine"/>⌉ steps of as many cycles as its operand has bits.
/// The engines of a tile share the broadcast weight column, so a tile lasts as long as its slowest engine.
/// Off-chip transfers are double-buffered: they overlap the compute, and only their excess is a stall.
/// </summary>
public static class AcceleratorSimulator
{
    public static SimulationReport Run(Workload workload, HardwareConfig hardware)
    {
        hardware.Validate();
        using var activity = SimulatorTelemetry.Source.StartActivity("simulator.run");
        activity?.SetTag("a2q.simulator.workload", workload.Name);
        activity?.SetTag("a2q.simulator.nodes", workload.Nodes);
        var reports = new List<PhaseReport>(workload.Phases.Count);
        bool inputOnChip = false;
        for (int p = 0; p < workload.Phases.Count; p++)
        {
            bool last = p == workload.Phases.Count - 1;
            var report = workload.Phases[p] switch
            {
                CombinationPhase combination => Combination(combination, workload.Order, hardware, inputOnChip, last),
                AggregationPhase aggregation => Aggregation(aggregation, workload.Order, hardware, inputOnChip, last),
                var other => throw new ArgumentException($"workload {workload.Name}: unknown phase type {other.GetType().Name}"),
            };
            reports.Add(report);

            // The buffers swap (A.7.5): an output that fit the output buffer is the next phase's on-chip input.
            inputOnChip = !report.OutputSpilled;
        }

        var simulation = new SimulationReport(workload.Name, reports, hardware.ClockHertz);
        activity?.SetTag("a2q.simulator.cycles", simulation.Cycles);
        activity?.SetTag("a2q.simulator.dram_bytes", simulation.DramBytes);
        return simulation;
    }

    /// <summary>B = X·W: per tile and output column, ⌈F_in/16⌉ steps of the tile's widest feature.</summary>
    internal static PhaseReport Combination(CombinationPhase phase, int[] order, HardwareConfig hardware, bool inputOnChip, bool last)
    {
        int engines = hardware.ProcessingEngines;
        long stepsPerColumn = Ceiling(phase.InFeatures, hardware.MacsPerEngine);
        long widestSum = 0;
        long bitSum = 0;
        int tiles = 0;
        for (int start = 0; start < order.Length; start += engines, tiles++)
        {
            int end = Math.Min(start + engines, order.Length);
            int widest = 0;
            for (int k = start; k < end; k++)
            {
                int bits = phase.NodeBits[order[k]];
                widest = Math.Max(widest, bits);
                bitSum += bits;
            }

            widestSum += widest;
        }

        long compute = phase.OutFeatures * stepsPerColumn * widestSum;
        long inputBits = bitSum * phase.InFeatures;
        long inputBytes = Ceiling(inputBits, 8);
        long weightBits = (long)phase.InFeatures * phase.OutFeatures * hardware.WeightBits;
        long weightBytes = Ceiling(weightBits, 8);
        long outputBytes = Ceiling((long)phase.Rows * phase.OutFeatures * phase.OutputBits, 8);

        // X is walked tile by tile and each tile's rows serve every column, so X is read at most once;
        // weights that overflow their buffer are fetched again for every tile.
        long read = (inputOnChip && inputBytes <= hardware.InputBufferBytes ? 0 : inputBytes)
            + (weightBytes <= hardware.WeightBufferBytes ? weightBytes : weightBytes * tiles);
        bool spilled = last || outputBytes > hardware.OutputBufferBytes;
        long written = spilled ? outputBytes : 0;

        // Each engine re-reads its row for every column; the broadcast weight column is read once per tile.
        long sramBits = inputBits * phase.OutFeatures + weightBits * tiles + (long)phase.Rows * phase.OutFeatures * phase.OutputBits;
        long serialSteps = bitSum * phase.InFeatures * phase.OutFeatures;

        // Eq. 2: one multiply dequantizes an accumulator (s_x·s_w) and one requantizes it for the next phase.
        long floatMultiplies = 2L * phase.Rows * phase.OutFeatures;
        return Report(phase, hardware, compute, read, written, sramBits, serialSteps, floatMultiplies, spilled);
    }

    /// <summary>X' = Â·B: per tile and column of B, the slowest row's ⌈nnz/16⌉ steps of its widest source.</summary>
    internal static PhaseReport Aggregation(AggregationPhase phase, int[] order, HardwareConfig hardware, bool inputOnChip, bool last)
    {
        int engines = hardware.ProcessingEngines;
        int macs = hardware.MacsPerEngine;
        long edgeBitsEach = hardware.EdgeIndexBits + hardware.EdgeValueBits;
        long slowestSum = 0;
        long operandEdgeBits = 0;
        long nonZeros = 0;
        long edgeRefetchBytes = 0;
        for (int start = 0; start < order.Length; start += engines)
        {
            int end = Math.Min(start + engines, order.Length);
            long slowest = 0;
            long tileNonZeros = 0;
            for (int k = start; k < end; k++)
            {
                int row = order[k];
                int length = phase.RowLengths[row];
                int bits = phase.RowOperandBits[row];
                slowest = Math.Max(slowest, Ceiling(length, macs) * bits);
                operandEdgeBits += (long)length * bits;
                tileNonZeros += length;
            }

            slowestSum += slowest;
            nonZeros += tileNonZeros;

            // A tile's CSR rows serve every column; rows that overflow the edge buffer stream in again per column.
            long tileEdgeBytes = Ceiling(tileNonZeros * edgeBitsEach, 8) + 4L * (end - start + 1);
            if (tileEdgeBytes > hardware.EdgeBufferBytes)
            {
                edgeRefetchBytes += tileEdgeBytes * (phase.Columns - 1);
            }
        }

        long compute = phase.Columns * slowestSum;
        long sourceBits = 0;
        foreach (int bits in phase.SourceBits)
        {
            sourceBits += bits;
        }

        long operandBytes = Ceiling(sourceBits * phase.Columns, 8);
        long edgeBytes = Ceiling(nonZeros * edgeBitsEach, 8) + 4L * (phase.Rows + 1);
        long outputBytes = Ceiling((long)phase.Rows * phase.Columns * phase.OutputBits, 8);

        // B is gathered by source node: if it fits the input buffer it is read once (or is already there);
        // if not, every edge fetches its source feature from off-chip memory.
        long operandRead = operandBytes <= hardware.InputBufferBytes
            ? (inputOnChip ? 0 : operandBytes)
            : Ceiling(operandEdgeBits * phase.Columns, 8);
        long read = operandRead + edgeBytes + edgeRefetchBytes;
        bool spilled = last || outputBytes > hardware.OutputBufferBytes;
        long written = spilled ? outputBytes : 0;

        long sramBits = phase.Columns * (operandEdgeBits + nonZeros * edgeBitsEach) + (long)phase.Rows * phase.Columns * phase.OutputBits;
        long serialSteps = operandEdgeBits * phase.Columns;
        long floatMultiplies = 2L * phase.Rows * phase.Columns;
        return Report(phase, hardware, compute, read, written, sramBits, serialSteps, floatMultiplies, spilled);
    }

    private static PhaseReport Report(
        Phase phase, HardwareConfig hardware, long compute, long read, long written, long sramBits, long serialSteps, long floatMultiplies, bool spilled)
    {
        long transferCycles = (long)Math.Ceiling((read + written) / hardware.DramBytesPerCycle);
        return new PhaseReport
        {
            Name = phase.Name,
            ComputeCycles = compute,
            StallCycles = Math.Max(0, transferCycles - compute),
            DramReadBytes = read,
            DramWriteBytes = written,
            SramBits = sramBits,
            BitSerialSteps = serialSteps,
            FloatMultiplies = floatMultiplies,
            FloatOperationsOther = phase.ExtraFloatOperations,
            OutputSpilled = spilled,
            Energy = EnergyBreakdown.Of(hardware.Energy, serialSteps, floatMultiplies, phase.ExtraFloatOperations, sramBits, read + written),
        };
    }

    private static long Ceiling(long value, long divisor) => (value + divisor - 1) / divisor;
}
