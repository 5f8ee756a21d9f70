using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using A2Q.Quant.Data;
using Xunit;

namespace A2Q.Quant.Tests.Data;

public class PlanetoidDownloaderTests
{
    private static readonly Uri FakeBase = new("https://files.example.test/planetoid/data/");

    [Fact]
    public async Task DownloadsAllEightFilesAndKeepsThemOnlyAfterTheirHashMatches()
    {
        string upstream = Planetoid.RawDirectory(RealPlanetoidData.RequireDataset("Cora"));
        using var root = new TemporaryDirectory();
        var handler = new FakeHttpMessageHandler(request => Serve(upstream, request));
        var progress = new RecordingProgress();

        var paths = await Downloader(handler, FakeBase).DownloadAsync(root.Path, "cora", progress);

        string target = Planetoid.RawDirectory(root.Path);
        string[] fileNames = Planetoid.FileExtensions.Select(e => $"ind.cora.{e}").ToArray();
        Assert.Equal(fileNames.Select(f => Path.Combine(target, f)), paths);
        Assert.Equal(fileNames.Select(f => new Uri(FakeBase, f)), handler.Requests);
        Assert.All(fileNames, f => Assert.Equal(File.ReadAllBytes(Path.Combine(upstream, f)), File.ReadAllBytes(Path.Combine(target, f))));
        Assert.Equal(fileNames.Order(), Directory.GetFiles(target).Select(Path.GetFileName).Order());
        Assert.Contains("ind.cora.allx: saved 257305 bytes, sha256 ok", progress.Messages);
        Assert.Equal(2708, Planetoid.Load(root.Path, "Cora").NodeCount);
    }

    [Fact]
    public async Task FilesAlreadyPresentWithTheRightHashAreNotFetchedAgain()
    {
        string upstream = Planetoid.RawDirectory(RealPlanetoidData.RequireDataset("Cora"));
        using var root = CopyOfCora(upstream);
        var handler = new FakeHttpMessageHandler(_ => throw new InvalidOperationException("no request expected"));
        var progress = new RecordingProgress();

        await Downloader(handler, FakeBase).DownloadAsync(root.Path, "Cora", progress);

        Assert.Empty(handler.Requests);
        Assert.Equal(Planetoid.FileExtensions.Select(e => $"ind.cora.{e}: already present, sha256 ok"), progress.Messages);
    }

    [Fact]
    public async Task AFilePresentWithTheWrongHashIsDownloadedAgain()
    {
        string upstream = Planetoid.RawDirectory(RealPlanetoidData.RequireDataset("Cora"));
        using var root = CopyOfCora(upstream);
        string y = Path.Combine(Planetoid.RawDirectory(root.Path), "ind.cora.y");
        File.WriteAllText(y, "not the labels");
        var handler = new FakeHttpMessageHandler(request => Serve(upstream, request));

        await Downloader(handler, FakeBase).DownloadAsync(root.Path, "Cora");

        Assert.Equal([new Uri(FakeBase, "ind.cora.y")], handler.Requests);
        Assert.Equal(File.ReadAllBytes(Path.Combine(upstream, "ind.cora.y")), File.ReadAllBytes(y));
    }

    [Fact]
    public async Task AHashMismatchDiscardsTheDownloadAndLeavesNothingBehind()
    {
        using var root = new TemporaryDirectory();
        byte[] wrong = "<html>moved</html>"u8.ToArray();
        var handler = new FakeHttpMessageHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(wrong) });

        var error = await Assert.ThrowsAsync<DatasetDownloadException>(() => Downloader(handler, FakeBase).DownloadAsync(root.Path, "Cora"));

        string target = Planetoid.RawDirectory(root.Path);
        Assert.Equal(
            $"sha256 mismatch for {FakeBase}ind.cora.x: got {wrong.Length} bytes with sha256 {Convert.ToHexStringLower(SHA256.HashData(wrong))}, "
            + "expected 22119 bytes with sha256 23cfa55d91c6f624233f5eb7b6e3f141f1bd2b2ae39608a63cf5d084bb27baab; "
            + $"the download was discarded and {Path.Combine(target, "ind.cora.x")} was not changed",
            error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(target));
    }

    [Fact]
    public async Task AnUnreachableHostFailsWithOneMessageSayingHowToCopyTheFilesByHand()
    {
        using var root = new TemporaryDirectory();
        var handler = new FakeHttpMessageHandler(_ => throw new HttpRequestException(
            HttpRequestError.NameResolutionError,
            "Name or service not known (github.com:443)",
            new SocketException((int)SocketError.HostNotFound)));

        var error = await Assert.ThrowsAsync<DatasetDownloadException>(() => Downloader(handler, baseAddress: null).DownloadAsync(root.Path, "PubMed"));

        string target = Planetoid.RawDirectory(root.Path);
        Assert.Equal(
            "could not reach github.com to download https://github.com/kimiyoung/planetoid/raw/master/data/ind.pubmed.x "
            + "(Name or service not known (github.com:443)); nothing was written. "
            + $"Copy the upstream files ind.pubmed.{{x,tx,allx,y,ty,ally,graph,test.index}} into {target} by hand "
            + "(from kimiyoung/planetoid data/); running the download again then only checks their sha256.",
            error.Message);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Empty(Directory.GetFileSystemEntries(target));
    }

    [Fact]
    public async Task ATimeoutIsReportedAsAnUnreachableHost()
    {
        using var root = new TemporaryDirectory();
        var handler = new FakeHttpMessageHandler(_ => throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout"));

        var error = await Assert.ThrowsAsync<DatasetDownloadException>(() => Downloader(handler, FakeBase).DownloadAsync(root.Path, "Cora"));

        Assert.StartsWith($"could not reach files.example.test to download {FakeBase}ind.cora.x (the request timed out); nothing was written.", error.Message);
    }

    [Fact]
    public async Task AnHttpErrorIsReportedWithItsStatus()
    {
        using var root = new TemporaryDirectory();
        var handler = new FakeHttpMessageHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound));

        var error = await Assert.ThrowsAsync<DatasetDownloadException>(() => Downloader(handler, FakeBase).DownloadAsync(root.Path, "CiteSeer"));

        Assert.StartsWith($"GET {FakeBase}ind.citeseer.x answered 404 Not Found; nothing was written. Copy the upstream files", error.Message);
    }

    [Fact]
    public async Task CancellingMidDownloadLeavesNoPartialFile()
    {
        using var root = new TemporaryDirectory();
        using var cancellation = new CancellationTokenSource();
        var handler = new FakeHttpMessageHandler(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new CancelAfterFirstReadStream(new byte[100_000], cancellation)),
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Downloader(handler, FakeBase).DownloadAsync(root.Path, "Cora", cancellationToken: cancellation.Token));

        Assert.Empty(Directory.GetFileSystemEntries(Planetoid.RawDirectory(root.Path)));
    }

    [Fact]
    public async Task ABaseAddressWithoutTrailingSlashStillNamesTheFolder()
    {
        using var root = new TemporaryDirectory();
        var handler = new FakeHttpMessageHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound));

        await Assert.ThrowsAsync<DatasetDownloadException>(
            () => Downloader(handler, new Uri("https://files.example.test/planetoid/data")).DownloadAsync(root.Path, "Cora"));

        Assert.Equal([new Uri("https://files.example.test/planetoid/data/ind.cora.x")], handler.Requests);
    }

    [Fact]
    public async Task AnUnknownDatasetIsAnArgumentError()
    {
        using var root = new TemporaryDirectory();
        var handler = new FakeHttpMessageHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound));

        await Assert.ThrowsAsync<ArgumentException>(() => Downloader(handler, FakeBase).DownloadAsync(root.Path, "Reddit"));

        Assert.Empty(handler.Requests);
    }

    private static PlanetoidDownloader Downloader(HttpMessageHandler handler, Uri? baseAddress) =>
        new(new HttpClient(handler), baseAddress);

    private static HttpResponseMessage Serve(string directory, HttpRequestMessage request)
    {
        string path = Path.Combine(directory, Path.GetFileName(request.RequestUri!.AbsolutePath));
        return File.Exists(path)
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(File.ReadAllBytes(path)) }
            : new HttpResponseMessage(HttpStatusCode.NotFound);
    }

    private static TemporaryDirectory CopyOfCora(string upstream)
    {
        var root = new TemporaryDirectory();
        string target = Planetoid.RawDirectory(root.Path);
        Directory.CreateDirectory(target);
        foreach (string extension in Planetoid.FileExtensions)
        {
            string fileName = Planetoid.FileName("Cora", extension);
            File.Copy(Path.Combine(upstream, fileName), Path.Combine(target, fileName));
        }

        return root;
    }

    /// <summary>Serves its first chunk, then cancels the download as a user pressing Ctrl+C would.</summary>
    private sealed class CancelAfterFirstReadStream(byte[] content, CancellationTokenSource cancellation) : MemoryStream(content)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int read = await base.ReadAsync(buffer, cancellationToken);
            await cancellation.CancelAsync();
            return read;
        }
    }
}
