using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using A2Q.Grains.Abstractions;
using A2Q.Quant.Training;

namespace A2Q.Silo;

/// <summary>Where a run's checkpoint file lives and what it must match to be resumed.</summary>
public static class RunCheckpoints
{
    /// <summary>
    /// A file per run key: the key made safe for a file name (table2/REDDIT-BINARY/GIN/A2Q/fold=3 →
    /// table2_REDDIT-BINARY_GIN_A2Q_fold=3), plus 8 hex digits of its hash so two keys never share a file.
    /// </summary>
    public static string PathFor(string directory, string key)
    {
        var safe = new StringBuilder(key.Length);
        foreach (char c in key)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '=' or '.' ? c : '_');
        }

        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..8];
        return Path.Combine(directory, $"{safe}-{hash}.ckpt");
    }

    /// <summary>
    /// The run key, the code version it was enqueued under and the recipe's full content: a state saved for
    /// another sweep, or before the recipe changed, is not resumed.
    /// </summary>
    public static string Identity(RunSpec spec, GraphRecipe recipe) =>
        $"{spec.Key}|{spec.CodeVersion}|{Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(recipe)))}";
}
