namespace A2Q.Quant.Tests.Support;

/// <summary>Hands each report to <paramref name="report"/> at once, on the reporting thread (Progress&lt;T&gt; would post it later).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
