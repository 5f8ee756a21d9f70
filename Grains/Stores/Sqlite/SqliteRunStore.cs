using A2Q.Grains.Abstractions;
using Microsoft.Data.Sqlite;

namespace A2Q.Grains.Stores.Sqlite;

/// <summary>
/// The embedded run store: one SQLite file (WAL mode), shared by the silos of one machine. Claims run in
/// an IMMEDIATE transaction, which SQLite serialises across processes; every lease write checks the epoch.
/// </summary>
public sealed class SqliteRunStore : IRunStore
{
    private readonly SqliteRunStoreOptions options;
    private readonly TimeProvider clock;
    private readonly string connectionString;

    public SqliteRunStore(SqliteRunStoreOptions options, TimeProvider? clock = null)
    {
        SqliteRunStoreOptionsValidator.Validate(options);
        this.options = options;
        this.clock = clock ?? TimeProvider.System;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.Path,
            Mode = options.ReadOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path => options.Path;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (options.ReadOnly)
        {
            await RequireSchemaAsync(cancellationToken);
            return;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, EmbeddedSql.Read("Sqlite", "schema.sql"), cancellationToken);
    }

    /// <summary>A read-only store must already be one: the file exists and holds the runs and silos tables.</summary>
    private async Task RequireSchemaAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(options.Path))
        {
            throw new ArgumentException($"no run store at {options.Path}");
        }

        long tables;
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('runs', 'silos')";
            tables = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException e)
        {
            throw new ArgumentException($"{options.Path} is not a run store: {e.Message}", e);
        }

        if (tables != 2)
        {
            throw new ArgumentException($"{options.Path} is not a run store (it has no runs and silos tables)");
        }
    }

    public async Task<EnqueueResult> EnqueueAsync(string sweep, IReadOnlyList<RunSpec> runs, string? traceParent, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        int added = 0;
        long now = Now();
        foreach (var spec in runs)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO runs (key, sweep, spec, state, traceparent, enqueued_at)
                VALUES ($key, $sweep, $spec, 'Pending', $traceparent, $now)
                ON CONFLICT (key) DO NOTHING
                """;
            insert.Parameters.AddWithValue("$key", spec.Key);
            insert.Parameters.AddWithValue("$sweep", sweep);
            insert.Parameters.AddWithValue("$spec", RunSpecJson.Write(spec));
            insert.Parameters.AddWithValue("$traceparent", (object?)traceParent ?? DBNull.Value);
            insert.Parameters.AddWithValue("$now", now);
            added += await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new EnqueueResult(added, runs.Count - added);
    }

    public Task<RunLease?> ClaimAsync(string siloId, TimeSpan leaseDuration, CancellationToken cancellationToken) =>
        ClaimAsync(siloId, leaseDuration, onlyKeys: null, cancellationToken);

    public async Task<RunLease?> ClaimAsync(string siloId, TimeSpan leaseDuration, IReadOnlyCollection<string>? onlyKeys, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        // IMMEDIATE takes the write lock up front, so two silos cannot read the same runnable row.
        await using var transaction = connection.BeginTransaction(deferred: false);
        long now = Now();
        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = """
            SELECT key, spec, lease_epoch, attempts, traceparent FROM runs
            WHERE ((state = 'Pending' AND not_before <= $now) OR (state = 'Leased' AND lease_expires_at < $now))
              AND ($keys IS NULL OR key IN (SELECT value FROM json_each($keys)))
            ORDER BY seq LIMIT 1
            """;
        select.Parameters.AddWithValue("$now", now);
        select.Parameters.AddWithValue("$keys", onlyKeys is null ? DBNull.Value : System.Text.Json.JsonSerializer.Serialize(onlyKeys));
        string key, spec;
        long epoch;
        int attempts;
        string? traceParent;
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            key = reader.GetString(0);
            spec = reader.GetString(1);
            epoch = reader.GetInt64(2) + 1;
            attempts = reader.GetInt32(3) + 1;
            traceParent = reader.IsDBNull(4) ? null : reader.GetString(4);
        }

        long expires = now + (long)leaseDuration.TotalMilliseconds;
        await using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = """
            UPDATE runs SET state = 'Leased', lease_epoch = $epoch, lease_owner = $owner, lease_expires_at = $expires, attempts = $attempts
            WHERE key = $key AND lease_epoch = $previous
            """;
        update.Parameters.AddWithValue("$epoch", epoch);
        update.Parameters.AddWithValue("$owner", siloId);
        update.Parameters.AddWithValue("$expires", expires);
        update.Parameters.AddWithValue("$attempts", attempts);
        update.Parameters.AddWithValue("$key", key);
        update.Parameters.AddWithValue("$previous", epoch - 1);
        if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return null;
        }

        await transaction.CommitAsync(cancellationToken);
        return new RunLease(key, RunSpecJson.Read(spec), epoch, siloId, attempts, DateTimeOffset.FromUnixTimeMilliseconds(expires), traceParent);
    }

    public Task<bool> HeartbeatAsync(RunLease lease, TimeSpan leaseDuration, CancellationToken cancellationToken) =>
        FencedUpdateAsync(lease, LeaseTransition.Heartbeat(Now() + (long)leaseDuration.TotalMilliseconds), cancellationToken);

    public Task<bool> CompleteAsync(RunLease lease, string resultJson, CancellationToken cancellationToken) =>
        FencedUpdateAsync(lease, LeaseTransition.Complete(resultJson, Now()), cancellationToken);

    public Task<bool> FailAsync(RunLease lease, string error, bool permanent, CancellationToken cancellationToken) =>
        FencedUpdateAsync(lease, LeaseTransition.Fail(lease, error, permanent, Now(), options.Retry), cancellationToken);

    public Task<bool> ReleaseAsync(RunLease lease, CancellationToken cancellationToken) =>
        FencedUpdateAsync(lease, LeaseTransition.Release(), cancellationToken);

    public async Task<int> CancelAsync(string sweep, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE runs SET state = 'Cancelled', lease_epoch = lease_epoch + 1, lease_owner = NULL, lease_expires_at = NULL, finished_at = $now
            WHERE sweep = $sweep AND state IN ('Pending', 'Leased')
            """;
        command.Parameters.AddWithValue("$sweep", sweep);
        command.Parameters.AddWithValue("$now", Now());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<RunRecord>> ListAsync(string? sweep, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {RunRows.RecordColumns} FROM runs {(sweep is null ? string.Empty : "WHERE sweep = $sweep")} ORDER BY seq";
        if (sweep is not null)
        {
            command.Parameters.AddWithValue("$sweep", sweep);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await RunRows.ReadAllAsync(reader, RunRows.ReadRecord, cancellationToken);
    }

    public async Task<RunRecord?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {RunRows.RecordColumns} FROM runs WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? RunRows.ReadRecord(reader) : null;
    }

    public async Task<int> CountPendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM runs WHERE state = 'Pending'";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task HeartbeatSiloAsync(SiloInfo silo, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO silos (id, host, slots, started_at, last_seen) VALUES ($id, $host, $slots, $started, $seen)
            ON CONFLICT (id) DO UPDATE SET host = excluded.host, slots = excluded.slots, last_seen = excluded.last_seen
            """;
        command.Parameters.AddWithValue("$id", silo.Id);
        command.Parameters.AddWithValue("$host", silo.Host);
        command.Parameters.AddWithValue("$slots", silo.Slots);
        command.Parameters.AddWithValue("$started", silo.StartedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$seen", silo.LastSeen.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SiloInfo>> ListSilosAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {RunRows.SiloColumns} FROM silos ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await RunRows.ReadAllAsync(reader, RunRows.ReadSilo, cancellationToken);
    }

    /// <summary>SQLite has no notifications: silos poll, so this simply waits.</summary>
    public Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) => Task.Delay(timeout, clock, cancellationToken);

    public ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; release them so the file can be deleted or moved.
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    /// <summary>Updates the run only if the lease is still the current one: same epoch, still Leased.</summary>
    private async Task<bool> FencedUpdateAsync(RunLease lease, LeaseTransition transition, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE runs SET {transition.Assignments} WHERE key = @key AND lease_epoch = @epoch AND state = 'Leased'";
        command.Parameters.AddWithValue("@key", lease.Key);
        command.Parameters.AddWithValue("@epoch", lease.Epoch);
        RunRows.Bind(command, transition);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
