namespace A2Q.Client.Commands;

/// <summary>A bad flag value, reported as one line naming the flag.</summary>
internal sealed class UsageException(string message) : Exception(message);
