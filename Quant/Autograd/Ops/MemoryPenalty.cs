using A2Q.Quant.Quantization;

namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    /// <summary>
    /// The memory penalty on feature bitwidths (paper Eq. 5, η = 8·1024 so M is in KB):
    /// M = offset + Σ_t scale_t·Σ_i |b_ti| / 8192, L = λ·f(M − target)² with f = ReLU (authors) or the identity
    /// (Eq. 5). dL/db_ti = 2λ·f(M − target)·scale_t/8192·sign(b_ti). <paramref name="offsetKilobytes"/> carries
    /// fixed-bit tensors the authors' GAT script also counts.
    /// </summary>
    public static Variable MemoryPenalty(
        Tape tape, IReadOnlyList<(Variable BitWidths, float Scale)> terms, float targetKilobytes, float lambda, MemoryPenaltyForm form, float offsetKilobytes = 0f)
    {
        const double BitsPerKilobyte = 8.0 * 1024.0;
        double memory = offsetKilobytes;
        foreach (var (bits, scale) in terms)
        {
            double sum = 0;
            foreach (float b in bits.Value.Span)
            {
                sum += MathF.Abs(b);
            }

            memory += scale * sum / BitsPerKilobyte;
        }

        double excess = memory - targetKilobytes;
        if (form == MemoryPenaltyForm.OneSided)
        {
            excess = Math.Max(0, excess);
        }

        var y = tape.Allocate(1, 1, clear: false);
        y.Span[0] = (float)(lambda * excess * excess);
        var inputs = terms.Select(t => t.BitWidths).ToList();
        var result = tape.Result(y, inputs);
        tape.Record(result, gy =>
        {
            foreach (var (bits, scale) in terms)
            {
                if (!bits.RequiresGrad)
                {
                    continue;
                }

                float slope = (float)(gy.Span[0] * 2 * lambda * excess * scale / BitsPerKilobyte);
                var g = tape.GradOf(bits).Span;
                var b = bits.Value.Span;
                for (int i = 0; i < g.Length; i++)
                {
                    g[i] += slope * MathF.Sign(b[i]);
                }
            }
        });
        return result;
    }

    /// <summary>The same memory M in KB, without building a graph (for reports).</summary>
    public static double MemoryKilobytes(IEnumerable<(Variable BitWidths, float Scale)> terms, float offsetKilobytes = 0f) =>
        offsetKilobytes + terms.Sum(t => t.Scale * t.BitWidths.Value.ToArray().Sum(b => (double)MathF.Abs(b)) / 8192.0);
}
