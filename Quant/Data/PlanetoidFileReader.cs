using System.Globalization;
using A2Q.Quant.Data.Pickle;
using A2Q.Quant.Tensors;

namespace A2Q.Quant.Data;

/// <summary>
/// Reads one Planetoid <c>ind.*</c> file into a typed value: feature matrices (<c>x, tx, allx</c>), one-hot
/// label matrices (<c>y, ty, ally</c>), the adjacency lists (<c>graph</c>) and the test ids (<c>test.index</c>).
/// </summary>
internal static class PlanetoidFileReader
{
    /// <summary>A pickled <c>scipy.sparse.csr_matrix</c>.</summary>
    public static SparseMatrix ReadFeatures(string path)
    {
        object? root = PickleReader.ReadFile(path);
        return root is ScipyCsrMatrix matrix
            ? matrix.ToSparseMatrix()
            : throw new DatasetFormatException(path, $"expected a pickled scipy.sparse csr_matrix, found {PickleReader.Describe(root)}");
    }

    /// <summary>A pickled 2-D integer numpy array (the one-hot labels), row-major.</summary>
    public static (int Rows, int Columns, int[] Values) ReadIntegerMatrix(string path)
    {
        object? root = PickleReader.ReadFile(path);
        if (root is not NumpyArray array)
        {
            throw new DatasetFormatException(path, $"expected a pickled numpy array, found {PickleReader.Describe(root)}");
        }

        if (array.Shape.Length != 2)
        {
            throw new DatasetFormatException(path, $"shape mismatch: expected a 2-D one-hot label array, found shape {array.ShapeText}");
        }

        return (array.Shape[0], array.Shape[1], array.ToInt32Array("the label array"));
    }

    /// <summary>A pickled <c>{node: [neighbours]}</c> dict, in the file's order.</summary>
    public static List<(int Node, int[] Neighbours)> ReadAdjacency(string path)
    {
        object? root = PickleReader.ReadFile(path);
        if (root is not Dictionary<object, object?> dict)
        {
            throw new DatasetFormatException(path, $"expected a pickled dict of adjacency lists, found {PickleReader.Describe(root)}");
        }

        var adjacency = new List<(int Node, int[] Neighbours)>(dict.Count);
        foreach (var (key, value) in dict)
        {
            int node = AsNodeId(path, key, "a key");
            if (value is not List<object?> list)
            {
                throw new DatasetFormatException(path, $"node {node} maps to {PickleReader.Describe(value)}, expected a list of neighbours");
            }

            var neighbours = new int[list.Count];
            for (int i = 0; i < neighbours.Length; i++)
            {
                neighbours[i] = AsNodeId(path, list[i], $"neighbour {i} of node {node}");
            }

            adjacency.Add((node, neighbours));
        }

        return adjacency;
    }

    /// <summary>Plain text, one integer per line (blank lines ignored).</summary>
    public static int[] ReadTestIndex(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DatasetFormatException(path, "the file is missing", e);
        }

        var ids = new List<int>(lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (!int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out int id))
            {
                throw new DatasetFormatException(path, $"line {i + 1} is '{line}', expected one non-negative integer");
            }

            ids.Add(id);
        }

        return ids.ToArray();
    }

    private static int AsNodeId(string path, object? value, string role) =>
        value is long id and >= 0 and <= int.MaxValue
            ? (int)id
            : throw new DatasetFormatException(path, $"{role} is {PickleReader.Describe(value)}, expected a non-negative node id");
}
