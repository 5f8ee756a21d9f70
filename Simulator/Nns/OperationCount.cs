namespace A2Q.Simulator.Nns;

/// <summary>Fixed- and floating-point operations of one pass; the ratio is Table 6's: float / all operations.</summary>
public sealed record OperationCount(double FixedPoint, double FloatingPoint)
{
    public double FloatShare => FloatingPoint / (FixedPoint + FloatingPoint);
}
