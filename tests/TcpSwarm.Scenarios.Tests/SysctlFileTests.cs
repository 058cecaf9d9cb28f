using TcpSwarm.Tcp;

namespace TcpSwarm.Scenarios.Tests;

/// <summary>`sysctl -a` output as a scenario's sysctl_file or --sysctl-file: parsing, precedence, notes, refusals.
/// </summary>
public sealed class SysctlFileTests : IDisposable
{
    private static int _instances;
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"tcpswarm-sysctl-tests-{Environment.ProcessId}-"
        + Interlocked.Increment(ref _instances).ToString(System.Globalization.CultureInfo.InvariantCulture));
    private int _temps;

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static string Fixture => Path.Combine(AppContext.BaseDirectory, "SysctlFiles", "linux-6.18-netns.sysctl");

    private const string Body = """
        duration: 60s
        servers:
          - { name: web, address: 10.0.1.10, port: 443 }
        clients:
          - { name: browsers, addresses: 10.0.0.0/24, target: web, arrivals: { poisson: 100/s } }
        paths:
          - { from: browsers, to: web, latency: { fixed: 10ms } }

        """;

    [Fact]
    public void Sysctl_a_output_parses_one_setting_a_line_with_its_value_column()
    {
        var file = SysctlFile.Parse("web.sysctl", "net.core.somaxconn = 4096\n"
            + "net.ipv4.ip_local_port_range = 32768\t60999\r\n"
            + "kernel.core_pattern = |/usr/lib/systemd/systemd-coredump %P %u = odd\n"
            + "net.ipv4.tcp_fastopen_key = \n");

        Assert.Empty(file.Problems);
        Assert.Equal(
        [
            new SysctlSetting("net.core.somaxconn", "4096", 1, 1, 22),
            new SysctlSetting("net.ipv4.ip_local_port_range", "32768 60999", 2, 1, 32),
            new SysctlSetting("kernel.core_pattern", "|/usr/lib/systemd/systemd-coredump %P %u = odd", 3, 1, 23),
            new SysctlSetting("net.ipv4.tcp_fastopen_key", "", 4, 1, 29),
        ], file.Settings);
    }

    [Fact]
    public void Sysctl_conf_comments_ignore_prefixes_slashes_and_sysctl_messages_are_read_as_sysctl_reads_them()
    {
        var file = SysctlFile.Parse("conf", "# a comment\n; another\n\n  -net/ipv4/tcp_syncookies=2\n"
            + "sysctl: permission denied on key 'fs.protected_fifos'\nnet.ipv4.tcp_syncookies = 0\n");

        Assert.Empty(file.Problems);
        Assert.Equal([new SysctlSetting("net.ipv4.tcp_syncookies", "2", 4, 4, 28),
            new SysctlSetting("net.ipv4.tcp_syncookies", "0", 6, 1, 27)], file.Settings);
    }

    [Theory]
    [InlineData("tcp_syncookies 1", 1)]
    [InlineData("  = 1", 3)]
    [InlineData("net.ipv4 tcp_syncookies = 1", 1)]
    public void A_line_that_is_no_setting_is_a_problem_at_its_line(string line, int column)
    {
        var file = SysctlFile.Parse("f.sysctl", "net.core.somaxconn = 128\n" + line + "\n");

        var problem = Assert.Single(file.Problems);
        Assert.Equal(("f.sysctl", 2, column, "line"), (problem.File, problem.Line, problem.Column, problem.Field));
        Assert.Contains("is not a setting", problem.Message, StringComparison.Ordinal);
        Assert.Contains("use 'key = value' as sysctl -a prints it", problem.Message, StringComparison.Ordinal);
        Assert.Single(file.Settings);
    }

    [Fact]
    public void A_file_that_is_no_sysctl_file_is_refused_without_repeating_its_lines()
    {
        const string Secret = "root:$6$Zq8kT1bG$ONLYTHEUSERMAYSEE:19700:0:99999:7:::";
        var file = SysctlFile.Parse("shadow", Secret + "\ndaemon:*:19700:0:99999:7:::\nkey with blanks = x\n");

        Assert.Equal([1, 2, 3], file.Problems.Select(p => p.Line));
        Assert.All(file.Problems, p =>
        {
            Assert.DoesNotContain("root", p.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("daemon", p.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("blanks", p.ToString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_real_sysctl_a_sets_every_modelled_key_and_counts_the_rest_in_a_note()
    {
        var result = LoadWith(Fixture);

        var s = Assert.IsType<Simulation.Model.Scenario>(result.Scenario);
        Assert.Equal(TcpProfile.Default with { Name = s.Profile.Name }, s.Profile);    // this machine has the defaults
        Assert.Empty(s.SysctlOverrides);                                               // none of them changes a thing
        var note = Assert.Single(result.Notes);
        int lines = File.ReadLines(Fixture).Count(l => l.Contains(" = ", StringComparison.Ordinal));
        Assert.Equal(("--sysctl-file", "sysctl_file"), (note.File, note.Field));
        Assert.Equal($"'{Fixture}': {Sysctls.Names.Count} settings applied, {lines - Sysctls.Names.Count} keys "
                     + "ignored (the model does not use them)", note.Message);
    }

    [Fact]
    public void The_scenarios_sysctl_keys_win_over_the_file_and_set_wins_over_both()
    {
        var dir = Temp();
        File.WriteAllText(Path.Combine(dir, "web.sysctl"),
            "net.ipv4.tcp_syncookies = 0\nnet.ipv4.tcp_synack_retries = 2\n"
            + "net.ipv4.tcp_fin_timeout = 30\nnet.ipv4.tcp_max_syn_backlog = 9\n");
        var scenario = Path.Combine(dir, "s.yaml");
        File.WriteAllText(scenario, "sysctl_file: web.sysctl\nsysctl:\n  net.ipv4.tcp_synack_retries: 3\n"
            + "  net.ipv4.tcp_fin_timeout: 40\n" + Body);

        var result = ScenarioLoader.Load(scenario,
            new ScenarioOverrides
            {
                Sets = [("net.ipv4.tcp_fin_timeout", "50"), ("net.ipv4.tcp_max_syn_backlog", "7")],
            });

        var p = result.Scenario!.Profile;
        Assert.Equal((0, 3, TimeSpan.FromSeconds(50), 7),
            (p.TcpSyncookies, p.TcpSynackRetries, p.TcpFinTimeout, p.TcpMaxSynBacklog));
        var note = Assert.Single(result.Notes);
        Assert.Equal((scenario, 1, 14), (note.File, note.Line, note.Column));
        Assert.EndsWith("1 setting applied, 0 keys ignored (the model does not use them), 3 left to the scenario's "
                        + "sysctl: or --set, which win", note.Message, StringComparison.Ordinal);
        Assert.Equal(["net.ipv4.tcp_syncookies", "net.ipv4.tcp_synack_retries", "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_max_syn_backlog"], result.Scenario.SysctlOverrides.Select(o => o.Key));
    }

    [Fact]
    public void Sysctl_file_on_the_command_line_wins_over_the_scenarios_which_is_not_read()
    {
        var dir = Temp();
        File.WriteAllText(Path.Combine(dir, "mine.sysctl"), "net.ipv4.tcp_syncookies = 2\n");
        var scenario = Path.Combine(dir, "s.yaml");
        File.WriteAllText(scenario, "sysctl_file: not-there.sysctl\n" + Body);

        var result = ScenarioLoader.Load(scenario,
            new ScenarioOverrides { SysctlFile = Path.Combine(dir, "mine.sysctl") });

        Assert.Empty(result.Problems);
        Assert.Equal(2, result.Scenario!.Profile.TcpSyncookies);
    }

    [Fact]
    public void Keys_linux_6_1_lacks_are_skipped_and_counted_rather_than_refused()
    {
        var result = LoadWith(Fixture, "profile: linux-6.1\n");

        Assert.Equal("linux-6.1", result.Scenario!.Profile.Name);
        Assert.Contains("4 ignored (linux-6.1 has no such sysctl)", Assert.Single(result.Notes).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Every_out_of_range_value_is_a_problem_at_its_line_and_column_naming_the_key_and_what_is_allowed()
    {
        var dir = Temp();
        var file = Path.Combine(dir, "bad.sysctl");
        File.WriteAllText(file, "net.ipv4.tcp_syncookies = 3\nvm.swappiness = 500\nnet.ipv4.tcp_syn_retries = 0\n"
            + "net.ipv4.tcp_tw_reuse = yes\n");

        var result = LoadWith(file);

        Assert.Null(result.Scenario);
        Assert.Equal(
        [
            $"error: {file}:1:27: net.ipv4.tcp_syncookies: 3 is not allowed; use 0, 1, 2",
            $"error: {file}:3:28: net.ipv4.tcp_syn_retries: 0 is not allowed; use an integer from 1 to 127",
            $"error: {file}:4:25: net.ipv4.tcp_tw_reuse: yes is not allowed; use 0, 1, 2",
        ], result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void A_missing_file_named_on_the_command_line_is_one_problem_at_the_option()
    {
        var result = LoadWith("/nonexistent/web.sysctl");

        var problem = Assert.Single(result.Problems);
        Assert.Equal("error: --sysctl-file: sysctl_file: no such file '/nonexistent/web.sysctl'; use the path of "
                     + "a file of `sysctl -a` output", problem.ToString());
    }

    private ScenarioLoadResult LoadWith(string sysctlFile, string extra = "")
    {
        var scenario = Path.Combine(Temp(), "s.yaml");
        File.WriteAllText(scenario, extra + Body);
        return ScenarioLoader.Load(scenario, new ScenarioOverrides { SysctlFile = sysctlFile });
    }

    private string Temp()
    {
        var dir = Path.Combine(_root, (++_temps).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
