namespace A2Q.Quant.Training.Checkpoints;

/// <summary>Where one run keeps its latest checkpoint (a file per run for silos; memory in tests).</summary>
public interface ICheckpointStore
{
    /// <summary>A readable name for messages (the file's path).</summary>
    string Location { get; }

    /// <summary>The last saved payload, or null when there is none.</summary>
    /// <exception cref="InvalidDataException">the stored checkpoint is damaged; the message names it</exception>
    byte[]? Load();

    /// <summary>Replaces the saved payload; a reader sees either the old one or the new one, never a mix.</summary>
    void Save(byte[] payload);

    void Delete();
}
