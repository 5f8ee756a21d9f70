using System.Security.Cryptography;
using System.Text.RegularExpressions;
using A2Q.Quant.Data;
using Xunit;

namespace A2Q.Quant.Tests.Data;

public partial class PlanetoidChecksumsTests
{
    [Fact]
    public void TheTableListsEveryFileOfEveryDataset()
    {
        var expected = Planetoid.Names.SelectMany(n => Planetoid.FileExtensions.Select(e => Planetoid.FileName(n, e))).Order();

        Assert.Equal(expected, PlanetoidChecksums.ByFileName.Keys.Order());
    }

    [Fact]
    public void TheTableAgreesWithProvenanceMd()
    {
        string provenance = File.ReadAllText(RealPlanetoidData.RequireFile("PROVENANCE.md"));
        var documented = TableRow().Matches(provenance)
            .ToDictionary(m => m.Groups["name"].Value, m => new PlanetoidFileChecksum(long.Parse(m.Groups["size"].Value), m.Groups["sha"].Value));
        var missingAllx = MissingAllx().Match(provenance);
        documented["ind.pubmed.allx"] = new PlanetoidFileChecksum(
            long.Parse(missingAllx.Groups["size"].Value.Replace(",", string.Empty)), missingAllx.Groups["sha"].Value);

        Assert.Equal(documented.OrderBy(p => p.Key), PlanetoidChecksums.ByFileName.OrderBy(p => p.Key));
    }

    [Fact]
    public void EveryStagedFileHasTheHashInTheTable()
    {
        string directory = Planetoid.RawDirectory(RealPlanetoidData.Root);
        int checkedFiles = 0;
        foreach (var (fileName, expected) in PlanetoidChecksums.ByFileName)
        {
            string path = Path.Combine(directory, fileName);
            if (fileName == "ind.pubmed.allx" && !File.Exists(path))
            {
                continue; // documented as missing on this machine
            }

            byte[] content = File.ReadAllBytes(RealPlanetoidData.RequireFile(fileName));
            Assert.Equal(expected, new PlanetoidFileChecksum(content.Length, Convert.ToHexStringLower(SHA256.HashData(content))));
            checkedFiles++;
        }

        Assert.InRange(checkedFiles, 23, 24);
    }

    [GeneratedRegex(@"`shared/data/planetoid/(?<name>ind\.[a-z.]+)` \| (?<size>\d+) \| `(?<sha>[0-9a-f]{64})`")]
    private static partial Regex TableRow();

    [GeneratedRegex(@"size \*\*(?<size>[\d,]+) bytes\*\*, sha256 \*\*`(?<sha>[0-9a-f]{64})`\*\*")]
    private static partial Regex MissingAllx();
}
