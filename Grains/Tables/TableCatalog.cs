using A2Q.Grains.Abstractions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace A2Q.Grains.Tables;

/// <summary>
/// The paper tables this build can reproduce (Tables/table*.yaml, embedded), and their expansion into
/// runs: one per row × cell × seed (or fold), keyed table{N}/dataset/model/cell/seed=k (fold=k).
/// </summary>
public sealed class TableCatalog
{
    private readonly Dictionary<int, TableDefinition> tables;

    public TableCatalog(IEnumerable<TableDefinition> tables)
    {
        this.tables = tables.ToDictionary(t => t.Id);
    }

    public IReadOnlyCollection<TableDefinition> All => tables.Values.OrderBy(t => t.Id).ToList();

    public static TableCatalog Embedded()
    {
        var assembly = typeof(TableCatalog).Assembly;
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        var list = new List<TableDefinition>();
        foreach (string name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("A2Q.Grains.Tables.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            try
            {
                list.Add(deserializer.Deserialize<TableDefinition>(reader));
            }
            catch (YamlException e)
            {
                throw new FormatException($"{name}: line {e.Start.Line}: {(e.InnerException ?? e).Message}", e);
            }
        }

        return new TableCatalog(list);
    }

    public TableDefinition Get(int id) =>
        tables.TryGetValue(id, out var table)
            ? table
            : throw new KeyNotFoundException($"table {id} is not defined; defined tables: {string.Join(", ", tables.Keys.Order())}");

    /// <summary>The rows named in <paramref name="rowLabels"/> (all when empty); unknown labels are an error naming the known ones.</summary>
    public static IReadOnlyList<TableRow> SelectRows(TableDefinition table, IReadOnlyCollection<string> rowLabels)
    {
        if (rowLabels.Count == 0)
        {
            return table.Rows;
        }

        var rows = new List<TableRow>();
        foreach (string label in rowLabels)
        {
            rows.Add(table.Rows.FirstOrDefault(r => string.Equals(r.Label, label, StringComparison.OrdinalIgnoreCase))
                ?? throw new KeyNotFoundException($"table {table.Id} has no row '{label}'; its rows: {string.Join(", ", table.Rows.Select(r => r.Label))}"));
        }

        return rows;
    }

    /// <summary>
    /// One RunSpec per row × cell × replica. A replica is a seed (0 … n−1) or, on a row with folds, a fold: then
    /// n is how many of the first folds run (all of them by default), fold k with seed k, as <c>client train</c> does.
    /// </summary>
    public static IReadOnlyList<RunSpec> Expand(TableDefinition table, IReadOnlyList<TableRow> rows, int? seedsOverride, int? epochs, string codeVersion, string? sweep = null)
    {
        sweep ??= table.SweepName;
        var specs = new List<RunSpec>();
        foreach (var row in rows)
        {
            int replicas = Replicas(table, row, seedsOverride);
            foreach (var cell in row.Cells)
            {
                for (int replica = 0; replica < replicas; replica++)
                {
                    var key = row.Folds is null
                        ? RunKey.ForSeed(sweep, row.Dataset, row.Model, cell.Name, replica)
                        : RunKey.ForFold(sweep, row.Dataset, row.Model, cell.Name, replica);
                    specs.Add(new RunSpec
                    {
                        Key = key.ToString(),
                        Dataset = row.Dataset,
                        Model = row.Model,
                        Method = cell.Method,
                        Variant = cell.Variant,
                        Seed = replica,
                        Fold = row.Folds is null ? null : replica,
                        Epochs = epochs,
                        Row = row.Label,
                        CodeVersion = codeVersion,
                    });
                }
            }
        }

        return specs;
    }

    /// <summary>Seeds (or the first folds) per cell of a row; more folds than the row has is an error.</summary>
    public static int Replicas(TableDefinition table, TableRow row, int? seedsOverride)
    {
        if (row.Folds is int folds)
        {
            int wanted = seedsOverride ?? folds;
            return wanted <= folds
                ? wanted
                : throw new ArgumentException($"row {row.Label} is cross-validated over {folds} folds: at most {folds} seeds (the first folds) can run, not {wanted}");
        }

        return seedsOverride ?? row.Seeds ?? table.Seeds;
    }
}
