using A2Q.Quant.Training;
using Xunit;

namespace A2Q.Quant.Tests.Training;

/// <summary>The three selection rules of a graph-level run, on epochs written out by hand.</summary>
public class ProtocolTrackerTests
{
    // (validation metric, validation loss, test metric) per epoch.
    private static ProtocolTracker Observe(bool higherIsBetter, params (double Validation, double Loss, double Test)[] epochs)
    {
        var tracker = new ProtocolTracker(higherIsBetter);
        for (int e = 0; e < epochs.Length; e++)
        {
            tracker.Observe(e, epochs[e].Validation, epochs[e].Loss, epochs[e].Test);
        }

        return tracker;
    }

    [Fact]
    public void AccuracyTakesTheFirstOfTiesUnderEachRule()
    {
        var t = Observe(higherIsBetter: true,
            (0.70, 0.9, 0.60),
            (0.80, 0.5, 0.75), // best validation (first of the tie with epoch 3)
            (0.75, 0.4, 0.90), // best test (first of the tie with epoch 4), lowest loss (first of the tie with epoch 4)
            (0.80, 0.6, 0.70),
            (0.60, 0.4, 0.90));

        Assert.Equal((2, 0.90), (t.BestTestEpoch, t.BestTest));
        Assert.Equal((1, 0.75), (t.BestValidationEpoch, t.TestAtBestValidation));
        Assert.Equal((2, 0.90), (t.MinValidationLossEpoch, t.TestAtMinValidationLoss));
    }

    [Fact]
    public void MaeSelectsTheLowestMetricAndTheLowestLoss()
    {
        var t = Observe(higherIsBetter: false,
            (0.60, 0.61, 0.58),
            (0.50, 0.52, 0.55), // best validation MAE
            (0.55, 0.50, 0.49), // lowest validation loss, best test MAE
            (0.52, 0.51, 0.53));

        Assert.Equal((2, 0.49), (t.BestTestEpoch, t.BestTest));
        Assert.Equal((1, 0.55), (t.BestValidationEpoch, t.TestAtBestValidation));
        Assert.Equal((2, 0.49), (t.MinValidationLossEpoch, t.TestAtMinValidationLoss));
    }

    [Fact]
    public void ItsStateSurvivesACheckpoint()
    {
        var before = Observe(higherIsBetter: false, (0.5, 0.5, 0.5), (0.4, 0.6, 0.45));
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            before.WriteState(writer);
        }

        buffer.Position = 0;
        var after = new ProtocolTracker(higherIsBetter: false);
        after.ReadState(new BinaryReader(buffer));

        // A third epoch worse than the restored bests under every rule (a lost best loss would make its 0.55 the
        // lowest so far): nothing moves.
        after.Observe(2, 0.45, 0.55, 0.47);
        Assert.Equal((1, 0.45), (after.BestValidationEpoch, after.TestAtBestValidation));
        Assert.Equal((0, 0.5), (after.MinValidationLossEpoch, after.TestAtMinValidationLoss));
        Assert.Equal((1, 0.45), (after.BestTestEpoch, after.BestTest));
    }
}
