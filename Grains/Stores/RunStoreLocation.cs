using A2Q.Grains.Abstractions;
using A2Q.Grains.Stores.Postgres;
using A2Q.Grains.Stores.Sqlite;

namespace A2Q.Grains.Stores;

/// <summary>
/// Opens a run store from the text users type after --store: <c>sqlite:PATH</c> (or a path ending in .db)
/// for the embedded store, <c>postgres://user:password@host:port/database?schema=NAME</c> or an Npgsql
/// connection string (<c>Host=…;Database=…</c>) for PostgreSQL.
/// </summary>
public static class RunStoreLocation
{
    /// <param name="readOnly">
    /// for commands that only read: an embedded store is opened read-only and must exist (a PostgreSQL store is
    /// opened as usual; its schema lives on the server)
    /// </param>
    public static IRunStore Open(string location, RunStoreOptions? retry = null, TimeProvider? clock = null, bool readOnly = false)
    {
        retry ??= new RunStoreOptions();
        if (location.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            return new SqliteRunStore(new SqliteRunStoreOptions { Path = location["sqlite:".Length..], Retry = retry, ReadOnly = readOnly }, clock);
        }

        if (location.EndsWith(".db", StringComparison.OrdinalIgnoreCase) && !location.Contains('='))
        {
            return new SqliteRunStore(new SqliteRunStoreOptions { Path = location, Retry = retry, ReadOnly = readOnly }, clock);
        }

        if (location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            var (connectionString, schema) = FromUri(new Uri(location));
            return new PostgresRunStore(new PostgresRunStoreOptions { ConnectionString = connectionString, Schema = schema, Retry = retry }, clock);
        }

        if (location.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            return new PostgresRunStore(new PostgresRunStoreOptions { ConnectionString = location, Retry = retry }, clock);
        }

        throw new ArgumentException($"--store '{location}' is neither sqlite:PATH, a .db file, postgres://… nor a Host=… connection string");
    }

    private static (string ConnectionString, string Schema) FromUri(Uri uri)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = uri.AbsolutePath.Trim('/') is { Length: > 0 } db ? Uri.UnescapeDataString(db) : "postgres",
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        string schema = "a2q";
        foreach (string pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            if (kv.Length == 2 && kv[0] == "schema")
            {
                schema = Uri.UnescapeDataString(kv[1]);
            }
        }

        return (builder.ConnectionString, schema);
    }
}
