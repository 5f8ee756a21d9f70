using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace A2Q.Client.Tests.Deployment;

/// <summary>
/// Keeps k8s/ true to the code it deploys: every manifest parses and names itself, kustomize's resources
/// exist, the silo's probes hit endpoints the silo serves, every flag the manifests pass is one the
/// programs accept, and the dashboard queries metrics the silo and engine actually emit.
/// </summary>
public sealed partial class KubernetesManifestTests
{
    private static readonly string K8s = Path.Combine(RepositoryRoot(), "k8s");

    [Fact]
    public void EveryManifestParsesAndNamesItsKind()
    {
        var kustomization = Load("kustomization.yaml").Single();
        var resources = ((YamlSequenceNode)kustomization["resources"]).Children.Select(r => r.ToString()).ToList();
        Assert.NotEmpty(resources);
        foreach (string resource in resources)
        {
            Assert.True(File.Exists(Path.Combine(K8s, resource)), $"kustomization lists {resource}, which does not exist");
            foreach (var document in Load(resource))
            {
                Assert.False(string.IsNullOrWhiteSpace(Scalar(document, "apiVersion")), $"{resource}: a document has no apiVersion");
                Assert.False(string.IsNullOrWhiteSpace(Scalar(document, "kind")), $"{resource}: a document has no kind");
                Assert.False(string.IsNullOrWhiteSpace(Scalar((YamlMappingNode)document["metadata"], "name")), $"{resource}: a document has no metadata.name");
            }
        }

        Assert.Equal(resources.Count, Directory.GetFiles(K8s, "*.yaml").Length - 1);
    }

    [Fact]
    public void SiloProbesAndFlagsMatchTheSilo()
    {
        var deployment = Load("silo.yaml").Single(d => Scalar(d, "kind") == "Deployment");
        var container = Containers(deployment).Single();
        Assert.Equal("/healthz", Scalar((YamlMappingNode)((YamlMappingNode)container["livenessProbe"])["httpGet"], "path"));
        Assert.Equal("/readyz", Scalar((YamlMappingNode)((YamlMappingNode)container["readinessProbe"])["httpGet"], "path"));
        AssertFlagsAccepted("silo.dll", Args(container));
    }

    [Fact]
    public void ClientJobFlagsMatchTheClient()
    {
        var job = Load("client-job.yaml").Single(d => Scalar(d, "kind") == "Job");
        var container = Containers(job).Single();
        var args = Args(container);
        Assert.Equal("reproduce", args[0]);
        AssertFlagsAccepted("client.dll", args.Skip(1).ToList(), "reproduce");
    }

    [Fact]
    public void DashboardQueriesMetricsWeEmit()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(K8s, "dashboards", "a2q-sweeps.json")));
        var expressions = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Where(t => t.TryGetProperty("expr", out _))
            .Select(t => t.GetProperty("expr").GetString()!)
            .ToList();
        Assert.NotEmpty(expressions);
        string sources = string.Join('\n', new[] { "Silo/SiloTelemetry.cs", "Quant/Training/QuantTelemetry.cs" }
            .Select(f => File.ReadAllText(Path.Combine(RepositoryRoot(), f))));
        foreach (string expression in expressions)
        {
            foreach (Match metric in MetricName().Matches(expression))
            {
                // Prometheus names: dots become underscores, then a unit and/or _total/_bucket suffix.
                string stem = metric.Value;
                bool emitted = Regex.Matches(sources, "\"(a2q\\.[a-z_.]+)\"").Any(m => stem.StartsWith(m.Groups[1].Value.Replace('.', '_'), StringComparison.Ordinal));
                Assert.True(emitted, $"the dashboard queries {stem}, which no instrument emits");
            }
        }
    }

    private static void AssertFlagsAccepted(string program, IReadOnlyList<string> args, string? subcommand = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, program));
        if (subcommand is not null)
        {
            start.ArgumentList.Add(subcommand);
        }

        start.ArgumentList.Add("--help");
        using var process = Process.Start(start)!;
        string help = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        foreach (string flag in args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).Select(a => a.Split('=')[0]))
        {
            // The whole flag: "--slot" must not pass on "--slots".
            Assert.Matches($"(^|[\\s,]){Regex.Escape(flag)}([\\s,<=]|$)", help);
        }
    }

    private static List<string> Args(YamlMappingNode container) =>
        ((YamlSequenceNode)container["args"]).Children.Select(a => a.ToString()).ToList();

    private static IEnumerable<YamlMappingNode> Containers(YamlMappingNode workload)
    {
        var template = (YamlMappingNode)((YamlMappingNode)workload["spec"])["template"];
        var spec = (YamlMappingNode)template["spec"];
        return ((YamlSequenceNode)spec["containers"]).Children.Cast<YamlMappingNode>();
    }

    private static List<YamlMappingNode> Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(Path.Combine(K8s, file)));
        stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value.ToString() : null;

    private static string RepositoryRoot()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "A2Q.Cluster.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("A2Q.Cluster.sln not found above the test folder");
        }

        return root;
    }

    [GeneratedRegex("a2q_[a-z_]+")]
    private static partial Regex MetricName();
}
