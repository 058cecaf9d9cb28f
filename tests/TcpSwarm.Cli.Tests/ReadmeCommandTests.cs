using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace TcpSwarm.Cli.Tests;

/// <summary>Every command in the shell blocks of a README or of a page of docs/ runs as written, in order, in a
/// scratch folder beside the repository's load/: `tcpswarm` (and `dotnet run -c Release --project src/TcpSwarm.Cli --`,
/// which the README says is the same) is the built program; long runs are shortened and fixed ports replaced by free
/// ones, each change listed. Every relative link of those pages names a file that exists.</summary>
public sealed partial class ReadmeCommandTests
{
    /// <summary>Commands this suite cannot run here, each with why; every other line of every shell block runs.
    /// </summary>
    private static readonly Dictionary<string, string> Exempt = new(StringComparer.Ordinal)
    {
        ["./test.sh"] = "runs this very suite",
        ["sudo tcpswarm calibrate --quick"] = "needs root and network namespaces; Calibration.Tests runs calibrate "
                                               + "where it has root",
        ["tcpswarm run load/syn-flood.yaml --redis 127.0.0.1:6379"] = "needs a cluster on Redis 6379 (Cluster.Tests)",
        ["redis-server --port 6379 --bind 127.0.0.1 --save '' &"] = "a fixed port another test may hold; Cluster.Tests "
                                                                    + "starts Redis on a free one",
        ["tcpswarm silo --redis 127.0.0.1:6379 --silo-port 11111 --gateway-port 30000 &"] =
            "fixed ports; Cluster.Tests",
        ["tcpswarm silo --redis 127.0.0.1:6379 --silo-port 11112 --gateway-port 30001 &"] =
            "fixed ports; Cluster.Tests",
        ["docker-compose build"] = "no Docker engine on these machines; ComposeTests validates the file",
        ["docker-compose up -d --scale silo=3 redis silo otel-collector prometheus grafana"] = "no Docker engine",
        ["SCENARIO=load/syn-flood.yaml docker-compose run --rm run"] = "no Docker engine",
        ["dotnet run -c Release --project src/TcpSwarm.Cli -- bench"] = "the full bench: 8 GiB and minutes of both "
                                                                        + "cores; BenchProcessTests runs --quick",
        ["dotnet run -c Release --project src/TcpSwarm.Cli -- bench --quick --json bench.json"] =
            "a minute of both cores; BenchProcessTests runs bench --quick",
        ["dotnet run -c Release --project src/TcpSwarm.Cli -- bench --only churn --quick"] = "a benchmark; as above",
        ["DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -F 299 -g -D 15000 -o churn.perf -- "
         + "dotnet src/TcpSwarm.Cli/bin/Release/net10.0/tcpswarm.dll bench --only churn --quick"] =
            "perf needs kernel profiling rights and a Release build; a benchmark",
        ["perf report -i churn.perf --no-children --sort comm"] = "reads the perf record above",
        ["perf report -i churn.perf --children --sort sym -g none"] = "reads the perf record above",
        ["dotnet run -c Release --project tests/TcpSwarm.Benchmarks -- --filter '*'"] = "BenchmarkDotNet: 10 minutes",
        ["dotnet run -c Release --project tests/TcpSwarm.Benchmarks -- --filter '*Demux*'"] = "BenchmarkDotNet",
        ["tcpswarm drill path/to/linux/tools/testing/selftests/net/packetdrill"] =
            "the kernel's scripts are GPL-2.0 and not in this repository: the user points at a copy",
        ["tcpswarm drill path/to/packetdrill/gtests/net/tcp/close --ladder"] =
            "Google's scripts are not in this repository: the user points at a copy",
    };

    /// <summary>Commands whose README line says they end with another code than 0, with the code and why.
    /// (None today: every script of tests/drill passes, so `tcpswarm drill tests/drill` ends with 0.)</summary>
    private static readonly Dictionary<string, (int Code, string Why)> EndsWith = new(StringComparer.Ordinal);

    /// <summary>How a command is shortened for the suite: what it says, and what runs instead.</summary>
    private static readonly (string Written, string Runs)[] Shortened =
    [
        ("load/lost-third-ack.yaml --speed 1", "load/lost-third-ack.yaml --speed 20"),        // 80 s of wall time
        ("load/syn-flood.yaml --speed 1", "load/syn-flood.yaml --speed 20"),                  // 60 s of wall time
        ("load/tw-reuse.yaml", "load/tw-reuse.yaml --set duration=10s"),
    ];

    private static readonly string[] Readmes =
        ["README.md", "load/README.md", "src/TcpSwarm.Cli/README.md", "dashboards/README.md"];

    /// <summary>The READMEs and every page of docs/, as paths relative to the repository's root.</summary>
    private static IEnumerable<string> Files => Readmes.Concat(
        Directory.GetFiles(Path.Combine(Repo.Root, "docs"), "*.md")
            .Select(f => "docs/" + Path.GetFileName(f))
            .Order(StringComparer.Ordinal));

    public static TheoryData<string> Documents => new(Files);

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Every_shell_command_of_the_readme_runs_as_written(string readme)
    {
        using var scratch = new TempFolder();
        Directory.CreateSymbolicLink(Path.Combine(scratch.Path, "load"), Repo.LoadDir);
        Directory.CreateDirectory(Path.Combine(scratch.Path, "tests"));
        Directory.CreateSymbolicLink(Path.Combine(scratch.Path, "tests", "drill"),
            Path.Combine(Repo.Root, "tests", "drill"));
        var failures = new List<string>();
        int ran = 0;
        foreach (var command in Commands(File.ReadAllText(Path.Combine(Repo.Root, readme))))
        {
            if (Exempt.ContainsKey(command)) continue;
            ran++;
            var (code, output) = await Run(Runnable(command), scratch.Path);
            int expected = EndsWith.TryGetValue(command, out var end) ? end.Code : 0;
            if (code != expected) failures.Add($"{command}\n  exit {code}, not {expected}: {output.Trim()}");
        }
        Assert.True(failures.Count == 0, $"{readme}: {failures.Count} of {ran} commands failed:\n"
                                         + string.Join('\n', failures));
    }

    [Fact]
    public void Every_exemption_names_a_command_a_readme_has()
    {
        var all = Files.SelectMany(r => Commands(File.ReadAllText(Path.Combine(Repo.Root, r))))
            .ToHashSet(StringComparer.Ordinal);
        var stale = Exempt.Keys.Concat(EndsWith.Keys).Where(k => !all.Contains(k)).ToList();
        Assert.True(stale.Count == 0, "exempt, but in no README or page of docs/: " + string.Join(", ", stale));
        Assert.Contains("tcpswarm compare runs/tw-reuse-0 runs/tw-reuse-1", all);
        Assert.Contains("tcpswarm drill tests/drill", all);                 // a block of docs/model.md is read
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_relative_link_names_a_file_that_exists(string document)
    {
        var folder = Path.GetDirectoryName(Path.Combine(Repo.Root, document))!;
        var broken = new List<string>();
        foreach (Match link in MarkdownLink().Matches(File.ReadAllText(Path.Combine(Repo.Root, document))))
        {
            var target = link.Groups["target"].Value;
            if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith('#')) continue;
            var path = Path.GetFullPath(Path.Combine(folder, target.Split('#')[0]));
            if (!File.Exists(path) && !Directory.Exists(path)) broken.Add(target);
        }
        Assert.True(broken.Count == 0, $"{document}: links to nothing: {string.Join(", ", broken)}");
    }

    /// <summary>The commands of a markdown text's ```sh blocks: continuation lines joined, comments dropped.</summary>
    internal static IEnumerable<string> Commands(string markdown)
    {
        foreach (Match block in ShellBlock().Matches(markdown))
        {
            var joined = block.Groups["body"].Value.Replace("\\\n", " ", StringComparison.Ordinal);
            foreach (var line in joined.Split('\n'))
            {
                var command = WithoutComment(line).Trim();
                command = Spaces().Replace(command, " ");
                if (command.Length > 0) yield return command;
            }
        }
    }

    // A '#' after a space and outside quotes starts a comment, as in sh.
    private static string WithoutComment(string line)
    {
        char quote = '\0';
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
            }
            else if (c is '\'' or '"') quote = c;
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1]))) return line[..i];
        }
        return line;
    }

    private static string Runnable(string command)
    {
        var tool = $"dotnet '{Path.Combine(AppContext.BaseDirectory, "tcpswarm.dll")}'";
        var text = command.Replace("dotnet run -c Release --project src/TcpSwarm.Cli --", "tcpswarm",
            StringComparison.Ordinal);
        foreach (var (written, runs) in Shortened) text = text.Replace(written, runs, StringComparison.Ordinal);
        // A fixed metrics port may be taken by another test: a free one, and no linger after the run.
        text = MetricsPort().Replace(text, _ => $"--metrics-port {FreePort()} --metrics-linger 0s");
        return text.StartsWith("tcpswarm ", StringComparison.Ordinal) ? tool + text["tcpswarm".Length..] : text;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(int Code, string Output)> Run(string command, string folder)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        var text = new StringBuilder(await error);
        var lines = (await output).Split('\n');
        text.Append(string.Join('\n', lines.TakeLast(5)));
        return (process.ExitCode, text.ToString());
    }

    [GeneratedRegex(@"```(sh|bash)\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"--metrics-port 9464")]
    private static partial Regex MetricsPort();
}
