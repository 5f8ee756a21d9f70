namespace A2Q.Grains.Stores.Sqlite;

/// <summary>Rejects options that cannot work, with a message naming the setting.</summary>
public static class SqliteRunStoreOptionsValidator
{
    public static void Validate(SqliteRunStoreOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            throw new ArgumentException("SQLite run store: the database path is empty");
        }

        string? folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(options.Path));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new ArgumentException($"SQLite run store: the folder {folder} of {options.Path} does not exist");
        }

        if (options.Retry.MaxAttempts < 1)
        {
            throw new ArgumentException($"SQLite run store: MaxAttempts must be at least 1, got {options.Retry.MaxAttempts}");
        }
    }
}
