using A2Q.Grains.Abstractions;
using Npgsql;

namespace A2Q.Grains.Stores.Postgres;

/// <summary>
/// The cluster run store. Silos on many machines claim with <c>FOR UPDATE SKIP LOCKED</c> (no two take the
/// same row, none waits on another's lock) and sleep on <c>LISTEN</c> until an enqueue <c>NOTIFY</c>s them.
/// Every lease write checks the epoch, as in the SQLite store.
/// </summary>
public sealed class PostgresRunStore : IRunStore
{
    private readonly PostgresRunStoreOptions options;
    private readonly TimeProvider clock;
    private readonly NpgsqlDataSource dataSource;
    private readonly string s;
    private readonly string channel;
    private NpgsqlConnection? listener;

    public PostgresRunStore(PostgresRunStoreOptions options, TimeProvider? clock = null)
    {
        PostgresRunStoreOptionsValidator.Validate(options);
        this.options = options;
        this.clock = clock ?? TimeProvider.System;
        dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        s = options.Schema;
        channel = $"{options.Schema}_runs";
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(EmbeddedSql.Read("Postgres", "schema.sql").Replace("{schema}", s));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<EnqueueResult> EnqueueAsync(string sweep, IReadOnlyList<RunSpec> runs, string? traceParent, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int added = 0;
        long now = Now();
        foreach (var spec in runs)
        {
            await using var insert = new NpgsqlCommand(
                $"INSERT INTO {s}.runs (key, sweep, spec, state, traceparent, enqueued_at) VALUES (@key, @sweep, @spec, 'Pending', @traceparent, @now) ON CONFLICT (key) DO NOTHING",
                connection,
                transaction);
            insert.Parameters.AddWithValue("key", spec.Key);
            insert.Parameters.AddWithValue("sweep", sweep);
            insert.Parameters.AddWithValue("spec", RunSpecJson.Write(spec));
            insert.Parameters.AddWithValue("traceparent", (object?)traceParent ?? DBNull.Value);
            insert.Parameters.AddWithValue("now", now);
            added += await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        if (added > 0)
        {
            await using var notify = new NpgsqlCommand($"NOTIFY {channel}", connection, transaction);
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new EnqueueResult(added, runs.Count - added);
    }

    public Task<RunLease?> ClaimAsync(string siloId, TimeSpan leaseDuration, CancellationToken cancellationToken) =>
        ClaimAsync(siloId, leaseDuration, onlyKeys: null, cancellationToken);

    public async Task<RunLease?> ClaimAsync(string siloId, TimeSpan leaseDuration, IReadOnlyCollection<string>? onlyKeys, CancellationToken cancellationToken)
    {
        long now = Now();
        long expires = now + (long)leaseDuration.TotalMilliseconds;
        await using var command = dataSource.CreateCommand($"""
            UPDATE {s}.runs SET state = 'Leased', lease_epoch = lease_epoch + 1, lease_owner = @owner,
                   lease_expires_at = @expires, attempts = attempts + 1
            WHERE key = (
                SELECT key FROM {s}.runs
                WHERE ((state = 'Pending' AND not_before <= @now) OR (state = 'Leased' AND lease_expires_at < @now))
                  AND (@keys::text[] IS NULL OR key = ANY(@keys))
                ORDER BY seq
                FOR UPDATE SKIP LOCKED
                LIMIT 1)
            RETURNING key, spec, lease_epoch, attempts, traceparent
            """);
        command.Parameters.AddWithValue("owner", siloId);
        command.Parameters.AddWithValue("expires", expires);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.Add(new NpgsqlParameter("keys", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = onlyKeys is null ? DBNull.Value : onlyKeys.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new RunLease(
            reader.GetString(0),
            RunSpecJson.Read(reader.GetString(1)),
            reader.GetInt64(2),
            siloId,
            reader.GetInt32(3),
            DateTimeOffset.FromUnixTimeMilliseconds(expires),
            reader.IsDBNull(4) ? null : reader.GetString(4));
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
        await using var command = dataSource.CreateCommand($"""
            UPDATE {s}.runs SET state = 'Cancelled', lease_epoch = lease_epoch + 1, lease_owner = NULL, lease_expires_at = NULL, finished_at = @now
            WHERE sweep = @sweep AND state IN ('Pending', 'Leased')
            """);
        command.Parameters.AddWithValue("sweep", sweep);
        command.Parameters.AddWithValue("now", Now());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<RunRecord>> ListAsync(string? sweep, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {RunRows.RecordColumns} FROM {s}.runs {(sweep is null ? string.Empty : "WHERE sweep = @sweep")} ORDER BY seq");
        if (sweep is not null)
        {
            command.Parameters.AddWithValue("sweep", sweep);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await RunRows.ReadAllAsync(reader, RunRows.ReadRecord, cancellationToken);
    }

    public async Task<RunRecord?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {RunRows.RecordColumns} FROM {s}.runs WHERE key = @key");
        command.Parameters.AddWithValue("key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? RunRows.ReadRecord(reader) : null;
    }

    public async Task<int> CountPendingAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT COUNT(*) FROM {s}.runs WHERE state = 'Pending'");
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task HeartbeatSiloAsync(SiloInfo silo, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO {s}.silos (id, host, slots, started_at, last_seen) VALUES (@id, @host, @slots, @started, @seen)
            ON CONFLICT (id) DO UPDATE SET host = excluded.host, slots = excluded.slots, last_seen = excluded.last_seen
            """);
        command.Parameters.AddWithValue("id", silo.Id);
        command.Parameters.AddWithValue("host", silo.Host);
        command.Parameters.AddWithValue("slots", silo.Slots);
        command.Parameters.AddWithValue("started", silo.StartedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("seen", silo.LastSeen.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SiloInfo>> ListSilosAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {RunRows.SiloColumns} FROM {s}.silos ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await RunRows.ReadAllAsync(reader, RunRows.ReadSilo, cancellationToken);
    }

    /// <summary>Waits on LISTEN for an enqueue's NOTIFY, or the timeout, whichever comes first.</summary>
    public async Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (listener is null)
        {
            listener = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var listen = new NpgsqlCommand($"LISTEN {channel}", listener);
            await listen.ExecuteNonQueryAsync(cancellationToken);
        }

        await listener.WaitAsync(timeout, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (listener is not null)
        {
            await listener.DisposeAsync();
        }

        await dataSource.DisposeAsync();
    }

    private async Task<bool> FencedUpdateAsync(RunLease lease, LeaseTransition transition, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"UPDATE {s}.runs SET {transition.Assignments} WHERE key = @key AND lease_epoch = @epoch AND state = 'Leased'");
        command.Parameters.AddWithValue("key", lease.Key);
        command.Parameters.AddWithValue("epoch", lease.Epoch);
        RunRows.Bind(command, transition);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();
}
