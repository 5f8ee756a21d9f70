namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>
    /// Stored values of GIN's (1 + ε)·x_i + Σ_{j→i} x_j on a fixed sparse pattern: neighbourSum + (1 + ε)·self,
    /// both given per stored entry (1 × nnz). dε = Σ_p dValues[p]·self[p].
    /// </summary>
    public static Variable GinCombine(Tape tape, float[] neighbourSum, float[] self, Variable epsilon)
    {
        if (neighbourSum.Length != self.Length || epsilon.Value.Length != 1)
        {
            throw new ArgumentException("GinCombine: value arrays differ in length or ε is not a scalar");
        }

        int n = self.Length;
        float factor = 1f + epsilon.Value.Span[0];
        var y = tape.Allocate(1, n, clear: false);
        System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(self, factor, neighbourSum, y.Span);
        var result = tape.Result(y, epsilon);
        tape.Record(result, gy => tape.GradOf(epsilon).Span[0] += DeterministicDot(tape, gy.Buffer, self, n));
        return result;
    }
}
