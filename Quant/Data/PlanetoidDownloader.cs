using System.Security.Cryptography;

namespace A2Q.Quant.Data;

/// <summary>
/// Downloads the eight upstream <c>ind.&lt;name&gt;.*</c> files of a Planetoid dataset into
/// <c>&lt;root&gt;/planetoid/</c> from <c>kimiyoung/planetoid</c> (where PyG fetches them too). Each file is
/// streamed into a temporary file next to its destination, hashed on the way, and renamed into place only when
/// its sha256 matches the checked-in table, so a failed or tampered download never leaves a usable-looking file.
/// Files already present with the right hash are not fetched again.
/// </summary>
public sealed class PlanetoidDownloader
{
    private readonly HttpClient httpClient;
    private readonly Uri baseAddress;

    /// <param name="httpClient">Owned by the caller (inject a fake handler in tests).</param>
    /// <param name="baseAddress">Folder URL holding the files; <see cref="DefaultBaseAddress"/> when null.</param>
    public PlanetoidDownloader(HttpClient httpClient, Uri? baseAddress = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        this.httpClient = httpClient;
        var address = baseAddress ?? DefaultBaseAddress;

        // Relative resolution drops the last path segment unless the folder URL ends with a slash.
        this.baseAddress = address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
    }

    public static Uri DefaultBaseAddress { get; } = new("https://github.com/kimiyoung/planetoid/raw/master/data/");

    /// <summary>
    /// Makes sure all eight files of <paramref name="name"/> are in <c>&lt;root&gt;/planetoid/</c> with the
    /// expected sha256, downloading those that are absent or differ. Returns their paths.
    /// Throws <see cref="DatasetDownloadException"/> when the host cannot be reached, answers with an HTTP error,
    /// or serves bytes with the wrong hash.
    /// </summary>
    public async Task<IReadOnlyList<string>> DownloadAsync(
        string root, string name, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        string canonical = Planetoid.CanonicalName(name);
        string directory = Planetoid.RawDirectory(root);
        Directory.CreateDirectory(directory);

        var paths = new List<string>();
        foreach (string extension in Planetoid.FileExtensions)
        {
            string fileName = Planetoid.FileName(canonical, extension);
            string path = Path.Combine(directory, fileName);
            var expected = PlanetoidChecksums.ByFileName[fileName];
            paths.Add(path);

            if (File.Exists(path))
            {
                string present = await HashFileAsync(path, cancellationToken).ConfigureAwait(false);
                if (present == expected.Sha256)
                {
                    progress?.Report($"{fileName}: already present, sha256 ok");
                    continue;
                }

                progress?.Report($"{fileName}: present but its sha256 is {present}, expected {expected.Sha256}; downloading it again");
            }

            await DownloadFileAsync(canonical, fileName, path, expected, progress, cancellationToken).ConfigureAwait(false);
        }

        return paths;
    }

    private async Task DownloadFileAsync(
        string datasetName, string fileName, string path, PlanetoidFileChecksum expected, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var url = new Uri(baseAddress, fileName);
        string directory = Path.GetDirectoryName(path)!;
        string temporaryPath = Path.Combine(directory, $".{fileName}.{Guid.NewGuid():N}.part");
        progress?.Report($"{fileName}: downloading {url}");
        try
        {
            using var response = await httpClient
                .GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new DatasetDownloadException(
                    $"GET {url} answered {(int)response.StatusCode} {response.ReasonPhrase}; nothing was written. "
                    + CopyByHandAdvice(datasetName, directory));
            }

            var (size, sha256) = await SaveAndHashAsync(response, temporaryPath, cancellationToken).ConfigureAwait(false);
            if (sha256 != expected.Sha256)
            {
                throw new DatasetDownloadException(
                    $"sha256 mismatch for {url}: got {size} bytes with sha256 {sha256}, expected {expected.Size} bytes "
                    + $"with sha256 {expected.Sha256}; the download was discarded and {path} was not changed");
            }

            File.Move(temporaryPath, path, overwrite: true);
            progress?.Report($"{fileName}: saved {size} bytes, sha256 ok");
        }
        catch (HttpRequestException e) when (e.StatusCode is null)
        {
            throw Unreachable(url, datasetName, directory, e.Message, e);
        }
        catch (HttpIOException e)
        {
            throw Unreachable(url, datasetName, directory, $"the connection broke during the download: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient reports its own timeout as a cancellation the caller did not ask for.
            throw Unreachable(url, datasetName, directory, "the request timed out", e);
        }
        finally
        {
            if (File.Exists(temporaryPath))
            {
                File.Delete(temporaryPath);
            }
        }
    }

    private static async Task<(long Size, string Sha256)> SaveAndHashAsync(
        HttpResponseMessage response, string temporaryPath, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        var input = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (input.ConfigureAwait(false))
        {
            var output = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, useAsync: true);
            await using (output.ConfigureAwait(false))
            {
                int read;
                while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    size += read;
                }
            }
        }

        return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }
    }

    private static DatasetDownloadException Unreachable(Uri url, string datasetName, string directory, string reason, Exception inner) =>
        new($"could not reach {url.Host} to download {url} ({reason}); nothing was written. "
            + CopyByHandAdvice(datasetName, directory), inner);

    private static string CopyByHandAdvice(string datasetName, string directory) =>
        $"Copy the upstream files {Planetoid.FileName(datasetName, "{" + string.Join(",", Planetoid.FileExtensions) + "}")} "
        + $"into {directory} by hand (from kimiyoung/planetoid data/); running the download again then only checks their sha256.";
}
