using System.CommandLine;
using A2Q.Quant.Data;

namespace A2Q.Client.Commands;

/// <summary><c>client data fetch NAME</c> and <c>client data list</c>: the raw datasets under the data directory.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var dataDir = CommonOptions.DataDirectory();
        var name = new Argument<string>("name") { Description = "Cora, CiteSeer or PubMed" };
        var fetch = new Command("fetch", "Download a dataset's upstream files and check their sha256") { name, dataDir };
        fetch.SetAction(async (parse, cancellationToken) =>
        {
            string root = parse.GetValue(dataDir) ?? DataDirectory.Default;
            string dataset = parse.GetValue(name)!;
            try
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
                var downloader = new PlanetoidDownloader(http);
                var progress = new Progress<string>(line => Console.Error.WriteLine($"  {line}"));
                var paths = await downloader.DownloadAsync(root, dataset, progress, cancellationToken);
                Console.WriteLine($"{Planetoid.CanonicalName(dataset)}: {paths.Count} files verified in {Planetoid.RawDirectory(root)}");
                return 0;
            }
            catch (Exception e) when (e is DatasetDownloadException or ArgumentException)
            {
                Console.Error.WriteLine($"error: {CommandErrors.Describe(e)}");
                return CommandErrors.UserError;
            }
        });

        var list = new Command("list", "Show which datasets are present under the data directory") { dataDir };
        list.SetAction(parse =>
        {
            string root = parse.GetValue(dataDir) ?? DataDirectory.Default;
            Console.WriteLine($"data directory: {root}");
            foreach (string dataset in Planetoid.Names)
            {
                var missing = Planetoid.FileExtensions
                    .Select(ext => Planetoid.FileName(dataset, ext))
                    .Where(f => !File.Exists(Path.Combine(Planetoid.RawDirectory(root), f)))
                    .ToList();
                Console.WriteLine(missing.Count == 0
                    ? $"  {dataset,-10} present"
                    : $"  {dataset,-10} missing {string.Join(", ", missing)} (client data fetch {dataset})");
            }

            return 0;
        });

        return new Command("data", "Raw datasets: fetch and list") { fetch, list };
    }
}
