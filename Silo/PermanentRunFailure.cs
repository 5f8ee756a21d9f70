namespace A2Q.Silo;

/// <summary>A run that cannot succeed by retrying (unknown recipe, missing or malformed data).</summary>
public sealed class PermanentRunFailure(string message, Exception inner) : Exception(message, inner);
