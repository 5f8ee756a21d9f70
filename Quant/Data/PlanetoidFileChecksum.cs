namespace A2Q.Quant.Data;

/// <summary>The size in bytes and lower-case hex sha256 an upstream dataset file must have.</summary>
internal readonly record struct PlanetoidFileChecksum(long Size, string Sha256);
