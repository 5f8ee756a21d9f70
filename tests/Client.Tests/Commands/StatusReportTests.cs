using A2Q.Client.Commands;
using A2Q.Grains.Abstractions;
using Xunit;

namespace A2Q.Client.Tests.Commands;

/// <summary>`client status`: stale leases are told apart, and silos that stopped long ago collapse into one line.</summary>
public sealed class StatusReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CountsExpiredLeasesAndSumsUpStoppedSilos()
    {
        RunRecord[] runs =
        [
            Run("t/a", RunState.Leased, leaseExpiresAt: Now.AddSeconds(20)),
            Run("t/b", RunState.Leased, leaseExpiresAt: Now.AddHours(-3)),
            Run("t/c", RunState.Succeeded, leaseExpiresAt: null),
            Run("t/d", RunState.Pending, leaseExpiresAt: null),
        ];
        SiloInfo[] silos =
        [
            new("live", "host-a", 2, Now.AddHours(-1), Now.AddSeconds(-5)),
            new("old-1", "host-b", 1, Now.AddDays(-1), Now.AddHours(-9)),
            new("old-2", "host-b", 1, Now.AddDays(-1), Now.AddHours(-2)),
        ];

        string brief = Report(runs, silos, allSilos: false);
        string full = Report(runs, silos, allSilos: true);

        Assert.Contains("Pending 1, Leased 2, Succeeded 1, Failed 0, Cancelled 0 (1 of the leases expired", brief);
        Assert.Contains("silos: 1 alive, 2 stopped", brief);
        Assert.Contains("live", brief);
        Assert.DoesNotContain("old-1", brief);
        Assert.Contains("(2 stopped, last seen between 2026-11-22 03:00:00Z and 2026-11-22 10:00:00Z; --all lists them)", brief);
        Assert.Contains("old-1", full);
        Assert.Contains("last seen 2026-11-22 10:00:00Z", full);
        Assert.DoesNotContain("--all lists them", full);
    }

    [Fact]
    public void SaysNothingOfExpiryOrStoppedSilosWhenThereAreNone()
    {
        string report = Report([Run("t/a", RunState.Leased, leaseExpiresAt: Now.AddSeconds(20))], [new("live", "h", 1, Now, Now)], allSilos: false);

        Assert.DoesNotContain("expired", report);
        Assert.DoesNotContain("stopped,", report);
        Assert.Contains("silos: 1 alive, 0 stopped", report);
    }

    private static string Report(IReadOnlyList<RunRecord> runs, IReadOnlyList<SiloInfo> silos, bool allSilos)
    {
        using var output = new StringWriter();
        StatusReport.Write(output, "store.db", runs, silos, Now, allSilos);
        return output.ToString();
    }

    private static RunRecord Run(string key, RunState state, DateTimeOffset? leaseExpiresAt) => new(
        key, "t", new RunSpec { Key = key, Dataset = "Cora", Model = "GCN", Method = "FP32", Seed = 0, Row = "GCN-Cora", CodeVersion = "test" },
        state, Attempts: 1, LeaseEpoch: 1, LeaseOwner: state == RunState.Leased ? "silo" : null, leaseExpiresAt, null, null, null, Now.AddDays(-1), null);
}
