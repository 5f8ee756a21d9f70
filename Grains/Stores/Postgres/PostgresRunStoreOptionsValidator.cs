using System.Text.RegularExpressions;

namespace A2Q.Grains.Stores.Postgres;

/// <summary>Rejects options that cannot work, with a message naming the setting.</summary>
public static partial class PostgresRunStoreOptionsValidator
{
    public static void Validate(PostgresRunStoreOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException("PostgreSQL run store: the connection string is empty");
        }

        // The schema name is spliced into SQL text, so only plain identifiers are accepted.
        if (!Identifier().IsMatch(options.Schema))
        {
            throw new ArgumentException($"PostgreSQL run store: schema '{options.Schema}' is not a plain identifier ([a-z_][a-z0-9_]*)");
        }

        if (options.Retry.MaxAttempts < 1)
        {
            throw new ArgumentException($"PostgreSQL run store: MaxAttempts must be at least 1, got {options.Retry.MaxAttempts}");
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex Identifier();
}
