using System.CommandLine;
using System.Diagnostics;

namespace TcpSwarm.Cli.Tests;

/// <summary>What `tcpswarm run --redis` hands its silos: the scenario as it was read once, so a scenario or sysctl
/// file given as a pipe (bash's &lt;(cat x.yaml)) reaches them whole, not empty.</summary>
public sealed class ScenarioSourceTests
{
    [Fact]
    public async Task A_scenario_and_a_sysctl_file_given_as_pipes_reach_the_silos_as_they_were_read()
    {
        using var dir = new TempFolder();
        var scenarioText = File.ReadAllText(Repo.Load("quickstart.yaml"));
        const string SysctlText = "net.ipv4.tcp_synack_retries = 2\n";
        var scenarioPipe = Fifo(dir.File("scenario"));
        var sysctlPipe = Fifo(dir.File("sysctl"));
        var options = new ScenarioOptions();
        var command = new RootCommand();
        options.AddTo(command);
        var parsed = command.Parse([scenarioPipe, "--sysctl-file", sysctlPipe]);

        // Each pipe is written once, as bash's <(...) does; a second read would wait for a writer that never comes.
        var token = TestContext.Current.CancellationToken;
        var writers = Task.WhenAll(Task.Run(() => File.WriteAllText(scenarioPipe, scenarioText), token),
            Task.Run(() => File.WriteAllText(sysctlPipe, SysctlText), token));
        var (scenario, _) = options.Load(parsed, TextWriter.Null);
        await writers.WaitAsync(TimeSpan.FromMinutes(1), token);
        var source = await Task.Run(() => options.Source(parsed), token).WaitAsync(TimeSpan.FromMinutes(1), token);

        Assert.NotNull(scenario);
        Assert.Equal(2, scenario.Profile.TcpSynackRetries);
        Assert.Equal(scenarioText, source.Text);
        Assert.Equal(SysctlText, source.Overrides.Files[sysctlPipe]);
    }

    private static string Fifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }
}
