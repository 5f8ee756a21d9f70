using System.Text.Json;
using A2Q.Grains.Abstractions;

namespace A2Q.Grains.Stores;

/// <summary>The one JSON form of a <see cref="RunSpec"/> that every store writes and reads.</summary>
internal static class RunSpecJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(RunSpec spec) => JsonSerializer.Serialize(spec, Options);

    public static RunSpec Read(string json) =>
        JsonSerializer.Deserialize<RunSpec>(json, Options) ?? throw new FormatException("a stored run spec is empty");
}
