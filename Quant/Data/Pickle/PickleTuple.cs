namespace A2Q.Quant.Data.Pickle;

/// <summary>A Python tuple; kept apart from <see cref="List{T}"/> because numpy state must be a tuple.</summary>
internal sealed class PickleTuple(object?[] items)
{
    public object?[] Items { get; } = items;

    public int Count => Items.Length;

    public object? this[int index] => Items[index];
}
