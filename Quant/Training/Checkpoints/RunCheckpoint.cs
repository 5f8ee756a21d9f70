namespace A2Q.Quant.Training.Checkpoints;

/// <summary>
/// Asks a graph-level run to save its state after every epoch and to resume from a saved state of the same run.
/// </summary>
/// <param name="Store">where this run's checkpoint lives</param>
/// <param name="Identity">what must match for a saved state to be resumed (the run key, the enqueued code version,
/// the recipe's content); a state saved under another identity is discarded and the run starts afresh</param>
/// <param name="Log">told when a state is resumed or discarded, and why</param>
public sealed record RunCheckpoint(ICheckpointStore Store, string Identity, Action<string>? Log = null)
{
    /// <summary>
    /// Removes the saved state (a finished run's, or one that cannot be used). A file that cannot be removed is
    /// reported, not thrown: it must not cost a run that has trained, and a foreign or damaged state is never resumed.
    /// </summary>
    public void Discard()
    {
        try
        {
            Store.Delete();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log?.Invoke($"cannot remove {Store.Location}: {e.Message}");
        }
    }
}
