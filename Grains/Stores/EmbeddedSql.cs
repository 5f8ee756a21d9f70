namespace A2Q.Grains.Stores;

/// <summary>Vendor SQL scripts shipped inside the assembly (Stores/&lt;Vendor&gt;/*.sql).</summary>
internal static class EmbeddedSql
{
    public static string Read(string vendorFolder, string file)
    {
        string name = $"A2Q.Grains.{vendorFolder}/{file}";
        using var stream = typeof(EmbeddedSql).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the SQL script {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
