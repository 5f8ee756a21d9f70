namespace A2Q.Quant.Data;

/// <summary>
/// Downloading a dataset failed (host unreachable, HTTP error, checksum mismatch). Nothing half-written is left
/// behind when this is thrown: files are only moved into place after their hash has been checked.
/// </summary>
public sealed class DatasetDownloadException : Exception
{
    public DatasetDownloadException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
