using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace TcpSwarm.Integration.Tests;

/// <summary>docker-compose.yml without a Docker engine: Debian's docker-compose validates it, promtool the Prometheus
/// config, and the files, ports and names it ties together agree.</summary>
public sealed class ComposeTests
{
    private static readonly YamlNode Compose = ComposeFile.Load("docker-compose.yml");
    private static readonly YamlNode Services = Compose.At("services");

    [Fact]
    public async Task Debians_docker_compose_validates_the_compose_file()
    {
        var docker = Required.Program("docker-compose", "docker-compose");
        var (code, output) = await Run(docker, "-f", Repo.Path("docker-compose.yml"), "config", "-q");
        Assert.True(code == 0, output);
        Assert.Equal("", output.Trim());
    }

    [Fact]
    public async Task Promtool_accepts_the_prometheus_config()
    {
        var promtool = Required.Program("promtool", "prometheus");
        var (code, output) = await Run(promtool, "check", "config", Repo.Path("dashboards", "prometheus.yml"));
        Assert.True(code == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_file_the_compose_file_mounts_or_builds_from_exists()
    {
        var mounts = new List<(string Service, string Source, string Target, bool ReadOnly)>();
        foreach (var (name, service) in Services.Entries())
        {
            if (!service.Has("volumes")) continue;
            foreach (var volume in service.At("volumes").Texts())
            {
                var parts = volume.Split(':');
                mounts.Add((name, parts[0], parts[1], parts.Length > 2 && parts[2] == "ro"));
            }
        }
        Assert.True(mounts.Count >= 6, $"{mounts.Count} mounts");
        foreach (var (service, source, target, readOnly) in mounts)
        {
            Assert.StartsWith("./", source, StringComparison.Ordinal);
            if (!readOnly)
            {
                // The one writable mount is the run service's output folder, which Docker creates.
                Assert.Equal(("run", "./runs", "/runs"), (service, source, target));
                continue;
            }
            var path = Repo.Path(source[2..]);
            Assert.True(File.Exists(path) || Directory.Exists(path), $"{service} mounts {source}, which is missing");
        }
        Assert.Equal(".", Services.At("silo", "build").Text());
        Assert.True(File.Exists(Repo.Path("Dockerfile")));
        foreach (var line in File.ReadAllLines(Repo.Path("Dockerfile")))
        {
            bool fromContext = line.StartsWith("COPY ", StringComparison.Ordinal)
                               && !line.Contains("--from", StringComparison.Ordinal);
            if (!fromContext) continue;
            var source = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            Assert.True(source == "." || Directory.Exists(Repo.Path(source)), $"Dockerfile: {line}");
        }

        // Grafana reads its dashboards where the provisioning file says, and its home dashboard is one of them.
        var grafanaDashboards = mounts.Single(m => m.Source == "./dashboards/grafana").Target;
        var provider = ComposeFile.Load("dashboards", "provisioning", "dashboards", "tcpswarm.yml");
        Assert.Equal(grafanaDashboards, provider.At("providers", 0, "options", "path").Text());
        var home = Services.At("grafana", "environment", "GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH").Text();
        var homeFile = Path.GetRelativePath(grafanaDashboards, home);
        Assert.True(File.Exists(Repo.Path("dashboards", "grafana", homeFile)), home);
        Assert.Equal("/etc/grafana/provisioning", mounts.Single(m => m.Source == "./dashboards/provisioning").Target);
    }

    [Fact]
    public void Ports_and_names_agree_between_the_compose_file_prometheus_the_collector_and_grafana()
    {
        var prometheus = ComposeFile.Load("dashboards", "prometheus.yml");
        var collector = ComposeFile.Load("dashboards", "otel-collector.yml");
        var datasource = ComposeFile.Load("dashboards", "provisioning", "datasources", "prometheus.yml")
            .At("datasources", 0);
        var silo = string.Join(' ', Services.At("silo", "command").Texts());
        Assert.Equal(2, ((YamlSequenceNode)prometheus.At("scrape_configs")).Children.Count);

        // Prometheus finds every scaled silo by the service's DNS name, on the port each serves on every interface.
        var silos = prometheus.At("scrape_configs", 0);
        Assert.Equal("tcpswarm", silos.At("job_name").Text());
        var dns = silos.At("dns_sd_configs", 0);
        Assert.Equal(["silo"], dns.At("names").Texts());
        var metricsPort = dns.At("port").Text();
        Assert.Contains($"--metrics-port {metricsPort} --metrics-address 0.0.0.0", silo, StringComparison.Ordinal);
        Assert.Contains(metricsPort, Services.At("silo", "expose").Texts());
        Assert.False(Services.At("silo").Has("ports"));             // --scale needs no fixed host port

        // The collector: silos push OTLP to its gRPC port, Prometheus scrapes its exporter's port.
        var grpc = collector.At("receivers", "otlp", "protocols", "grpc", "endpoint").Text();
        Assert.Contains($"--otlp-endpoint http://otel-collector:{grpc.Split(':')[1]}", silo, StringComparison.Ordinal);
        var exporter = collector.At("exporters", "prometheus", "endpoint").Text().Split(':')[1];
        var collectorTarget = prometheus.At("scrape_configs", 1, "static_configs", 0, "targets", 0).Text();
        Assert.Equal($"otel-collector:{exporter}", collectorTarget);
        foreach (var port in (string[])[grpc.Split(':')[1], exporter])
            Assert.Contains(port, Services.At("otel-collector", "expose").Texts());
        Assert.Contains("./dashboards/otel-collector.yml:/etc/otelcol-contrib/config.yaml:ro",
            Services.At("otel-collector", "volumes").Texts());

        // Grafana's data source is the compose Prometheus, at the rate interval its scrapes allow.
        Assert.Equal("http://prometheus:9090", datasource.At("url").Text());
        Assert.Contains("127.0.0.1:9090:9090", Services.At("prometheus", "ports").Texts());
        var scrapeInterval = prometheus.At("global", "scrape_interval").Text();
        Assert.Equal(scrapeInterval, datasource.At("jsonData", "timeInterval").Text());
        Assert.Contains("--redis redis:6379", silo, StringComparison.Ordinal);
        Assert.True(Services.Has("redis"));

        // Every dashboard queries that data source, and defaults to the silos' job.
        var uid = datasource.At("uid").Text();
        foreach (var file in Dashboards.Files)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var panel in json.RootElement.GetProperty("panels").EnumerateArray())
                Assert.Equal(uid, panel.GetProperty("datasource").GetProperty("uid").GetString());
            var job = Dashboards.Variables(file).Single(v => v.Name == "job");
            Assert.Equal(silos.At("job_name").Text(), job.Value);
        }
    }

    private static async Task<(int Code, string Output)> Run(string program, params string[] args)
    {
        await using var process = ChildProcess.StartIn(Repo.Root, program, args);
        int code = await process.Exit();
        return (code, process.Out + process.Error);
    }
}
