using System.Data.Common;
using A2Q.Grains.Abstractions;

namespace A2Q.Grains.Stores;

/// <summary>How every store reads its runs and silos tables back: the same columns, the same types.</summary>
internal static class RunRows
{
    public const string RecordColumns =
        "key, sweep, spec, state, attempts, lease_epoch, lease_owner, lease_expires_at, result, error, traceparent, enqueued_at, finished_at";

    public const string SiloColumns = "id, host, slots, started_at, last_seen";

    public static RunRecord ReadRecord(DbDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        RunSpecJson.Read(r.GetString(2)),
        Enum.Parse<RunState>(r.GetString(3)),
        r.GetInt32(4),
        r.GetInt64(5),
        r.IsDBNull(6) ? null : r.GetString(6),
        r.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(7)),
        r.IsDBNull(8) ? null : r.GetString(8),
        r.IsDBNull(9) ? null : r.GetString(9),
        r.IsDBNull(10) ? null : r.GetString(10),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(11)),
        r.IsDBNull(12) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(12)));

    public static SiloInfo ReadSilo(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetInt32(2),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)));

    public static async Task<List<T>> ReadAllAsync<T>(DbDataReader reader, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public static void Bind(DbCommand command, LeaseTransition transition)
    {
        foreach (var (name, value) in transition.Parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }
}
