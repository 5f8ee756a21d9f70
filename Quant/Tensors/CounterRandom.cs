namespace A2Q.Quant.Tensors;

/// <summary>
/// A counter-based random stream: the value at index i is a hash of (key, i). Any chunk of a mask can be
/// drawn by any thread and the mask is still the same.
/// </summary>
public readonly struct CounterRandom(ulong key)
{
    public ulong Key { get; } = key;

    /// <summary>Uniform in [0, 1) for position <paramref name="index"/>, with 24 bits (a float's resolution).</summary>
    public float Uniform(long index) => Kernels.DropoutMask.Bits(Key, index) * (1f / (1 << 24));
}
