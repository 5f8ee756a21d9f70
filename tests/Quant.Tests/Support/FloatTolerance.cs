namespace A2Q.Quant.Tests.Support;

/// <summary>Compares floats within an absolute tolerance (for Assert.Equal on sequences).</summary>
internal sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
{
    public bool Equals(float a, float b) => Math.Abs(a - b) <= tolerance;

    public int GetHashCode(float value) => 0;
}
