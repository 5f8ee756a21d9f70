namespace A2Q.Quant.Data;

/// <summary>
/// Where datasets live: <c>$A2Q_DATA_DIR</c> when set, otherwise <c>~/.a2q/data</c>. Each dataset family has
/// its own folder below it (<c>planetoid/</c>).
/// </summary>
public static class DataDirectory
{
    public const string EnvironmentVariable = "A2Q_DATA_DIR";

    public static string Default
    {
        get
        {
            string? configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
            return string.IsNullOrWhiteSpace(configured)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".a2q", "data")
                : configured;
        }
    }
}
