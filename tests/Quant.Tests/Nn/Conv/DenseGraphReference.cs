using A2Q.Quant.Autograd;
using A2Q.Quant.Data;
using A2Q.Quant.Nn;
using A2Q.Quant.Tensors;
using A2Q.Quant.Tests.Autograd;
using Xunit;

namespace A2Q.Quant.Tests.Nn.Conv;

/// <summary>
/// Naive double-precision building blocks for layer references: written from the papers' formulas on
/// the raw edge list, sharing no code with the sparse operators they check.
/// </summary>
internal static class DenseGraphReference
{
    /// <summary>Node features in ±[0.1, 1): no exact zeros, so <see cref="SparseMatrix.FromDense"/> keeps every entry.</summary>
    public static Tensor Features(int nodes, int features, ulong seed) =>
        GradientCheck.Random(nodes, features, seed, scale: 1f, away: 0.1f);

    /// <summary>For each node i, the sources j of its edges j → i (self loops included when the graph has them).</summary>
    public static List<int>[] InNeighbours(Graph graph)
    {
        var neighbours = Enumerable.Range(0, graph.NodeCount).Select(_ => new List<int>()).ToArray();
        for (int e = 0; e < graph.EdgeCount; e++)
        {
            neighbours[graph.Targets[e]].Add(graph.Sources[e]);
        }

        return neighbours;
    }

    public static double[,] ToDouble(Tensor t)
    {
        var d = new double[t.Rows, t.Columns];
        for (int i = 0; i < t.Rows; i++)
        {
            for (int j = 0; j < t.Columns; j++)
            {
                d[i, j] = t[i, j];
            }
        }

        return d;
    }

    public static double[,] Multiply(double[,] a, double[,] b)
    {
        int m = a.GetLength(0), k = a.GetLength(1), n = b.GetLength(1);
        Assert.Equal(k, b.GetLength(0));
        var c = new double[m, n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    sum += a[i, p] * b[p, j];
                }

                c[i, j] = sum;
            }
        }

        return c;
    }

    public static double[,] Multiply(double[,] a, Parameter weight) => Multiply(a, ToDouble(weight.Value));

    /// <summary>Adds the 1×n bias row to every row.</summary>
    public static double[,] AddRow(double[,] a, Parameter bias)
    {
        var c = (double[,])a.Clone();
        for (int i = 0; i < c.GetLength(0); i++)
        {
            for (int j = 0; j < c.GetLength(1); j++)
            {
                c[i, j] += bias.Value[0, j];
            }
        }

        return c;
    }

    public static double[,] Add(double[,] a, double[,] b)
    {
        var c = (double[,])a.Clone();
        for (int i = 0; i < c.GetLength(0); i++)
        {
            for (int j = 0; j < c.GetLength(1); j++)
            {
                c[i, j] += b[i, j];
            }
        }

        return c;
    }

    /// <summary>D^-1/2 (A + I) D^-1/2 · h, from the graph's in-neighbours.</summary>
    public static double[,] NormalizedAggregate(Graph graph, double[,] h)
    {
        var neighbours = InNeighbours(graph);
        var degree = neighbours.Select(n => n.Count + 1.0).ToArray();
        var result = new double[h.GetLength(0), h.GetLength(1)];
        for (int i = 0; i < graph.NodeCount; i++)
        {
            foreach (int j in neighbours[i].Append(i))
            {
                for (int c = 0; c < h.GetLength(1); c++)
                {
                    result[i, c] += h[j, c] / Math.Sqrt(degree[i] * degree[j]);
                }
            }
        }

        return result;
    }

    public static double[,] Relu(double[,] a)
    {
        var c = (double[,])a.Clone();
        for (int i = 0; i < c.GetLength(0); i++)
        {
            for (int j = 0; j < c.GetLength(1); j++)
            {
                c[i, j] = Math.Max(0, c[i, j]);
            }
        }

        return c;
    }

    /// <summary>The parameter of <paramref name="module"/> with this exact name (for layers that keep their linear maps private).</summary>
    public static Parameter ParameterNamed(Module module, string name) => module.Parameters().Single(p => p.Name == name);

    /// <summary>Overwrites a parameter with distinct non-zero values, so a dropped or misplaced term shows.</summary>
    public static void FillDistinct(Parameter parameter, float first, float step)
    {
        var values = parameter.Value.Span;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = first + (step * i);
        }
    }

    public static void AssertClose(double[,] expected, Tensor actual, double tolerance, string context)
    {
        Assert.Equal(expected.GetLength(0), actual.Rows);
        Assert.Equal(expected.GetLength(1), actual.Columns);
        for (int i = 0; i < actual.Rows; i++)
        {
            for (int j = 0; j < actual.Columns; j++)
            {
                double error = Math.Abs(actual[i, j] - expected[i, j]);
                if (!(error <= tolerance * (1 + Math.Abs(expected[i, j]))))
                {
                    Assert.Fail($"{context}: output [{i}, {j}] is {actual[i, j]:G9}, expected {expected[i, j]:G9}");
                }
            }
        }
    }
}
