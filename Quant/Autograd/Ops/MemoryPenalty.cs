using A2Q.Quant.Quantization;

namespace A2Q.Quant.Autograd;

public static partial class Functional
{
    private const double BitsPerKilobyte = 8.0 * 1024.0;

    /// <summary>
    /// The memory penalty on feature bitwidths (paper Eq. 5, η = 8·1024 so M is in KB):
    /// M = offset + Σ_t scale_t·Σ_i |b_ti| / 8192, L = λ·f(M − target)² with f = ReLU (authors) or the identity
    /// (Eq. 5). dL/db_ti = 2λ·f(M − target)·scale_t/8192·sign(b_ti). <paramref name="offsetKilobytes"/> carries
    /// fixed-bit tensors the authors' GAT script also counts.
    /// </summary>
    public static Variable MemoryPenalty(
        Tape tape, IReadOnlyList<(Variable BitWidths, float Scale)> terms, float targetKilobytes, float lambda, MemoryPenaltyForm form, float offsetKilobytes = 0f) =>
        MemoryPenalty(tape, terms.Select(t => new MemoryTerm(t.BitWidths, t.Scale)).ToList(), targetKilobytes, lambda, form, offsetKilobytes);

    /// <summary>
    /// As above, where a term may count only some of its groups (a graph-level Nearest Neighbor quantizer counts the
    /// groups used in this batch): M = offset + Σ_t scale_t·Σ_{k counted} |b_tk| / 8192, and only counted groups get
    /// gradient. The authors sum the raw b there; |b| equals it while b &gt; 0 and keeps one rule for both levels.
    /// </summary>
    public static Variable MemoryPenalty(
        Tape tape, IReadOnlyList<MemoryTerm> terms, float targetKilobytes, float lambda, MemoryPenaltyForm form, float offsetKilobytes = 0f)
    {
        foreach (var term in terms)
        {
            ValidateCountedGroups(term);
        }

        double memory = offsetKilobytes;
        foreach (var term in terms)
        {
            memory += TermKilobytes(term);
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
            foreach (var term in terms)
            {
                var bits = term.BitWidths;
                if (!bits.RequiresGrad)
                {
                    continue;
                }

                float slope = (float)(gy.Span[0] * 2 * lambda * excess * term.Scale / BitsPerKilobyte);
                var g = tape.GradOf(bits).Span;
                var b = bits.Value.Span;
                if (term.CountedGroups is null)
                {
                    for (int i = 0; i < g.Length; i++)
                    {
                        g[i] += slope * MathF.Sign(b[i]);
                    }
                }
                else
                {
                    foreach (int k in term.CountedGroups)
                    {
                        g[k] += slope * MathF.Sign(b[k]);
                    }
                }
            }
        });
        return result;
    }

    /// <summary>The same memory M in KB, without building a graph (for reports).</summary>
    public static double MemoryKilobytes(IEnumerable<(Variable BitWidths, float Scale)> terms, float offsetKilobytes = 0f) =>
        MemoryKilobytes(terms.Select(t => new MemoryTerm(t.BitWidths, t.Scale)), offsetKilobytes);

    /// <summary>M in KB for terms that may count only some groups.</summary>
    public static double MemoryKilobytes(IEnumerable<MemoryTerm> terms, float offsetKilobytes = 0f) =>
        offsetKilobytes + terms.Sum(TermKilobytes);

    /// <summary>scale·Σ_{k counted} |b_k| / 8192.</summary>
    private static double TermKilobytes(MemoryTerm term)
    {
        var b = term.BitWidths.Value.Span;
        double sum = 0;
        if (term.CountedGroups is null)
        {
            foreach (float bit in b)
            {
                sum += MathF.Abs(bit);
            }
        }
        else
        {
            foreach (int k in term.CountedGroups)
            {
                sum += MathF.Abs(b[k]);
            }
        }

        return term.Scale * sum / BitsPerKilobyte;
    }

    private static void ValidateCountedGroups(MemoryTerm term)
    {
        if (term.CountedGroups is null)
        {
            return;
        }

        int groups = term.BitWidths.Value.Length;
        var seen = new bool[groups];
        foreach (int k in term.CountedGroups)
        {
            if (k < 0 || k >= groups || seen[k])
            {
                throw new ArgumentException($"MemoryPenalty: counted group {k} is out of range [0, {groups}) or listed twice");
            }

            seen[k] = true;
        }
    }
}
