namespace A2Q.Grains.Tests.Stores;

/// <summary>A clock the test moves by hand, so lease expiry and backoff need no sleeping.</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
