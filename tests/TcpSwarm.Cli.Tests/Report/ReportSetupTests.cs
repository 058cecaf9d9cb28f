using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Tests;

/// <summary>report.md says how the run was set up (profile, every --set, the sysctl file) and whether it ran to its
/// end. The engine is a test double; the report is built from the files run writes.</summary>
public sealed class ReportSetupTests
{
    private static string Quickstart => Repo.Load("quickstart.yaml");

    [Fact]
    public async Task The_report_names_every_set_the_sysctl_file_and_the_sysctls_that_differ()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("web.sysctl"), "net.ipv4.tcp_synack_retries = 2\nvm.swappiness = 60\n");
        var tool = new Tcpswarm { Runner = TestDoubleRunner.Returning(Summaries.Report(RunStatus.Completed)) };

        var result = await tool.Run("run", Quickstart, "--out", temp.File("run"), "--sysctl-file",
            temp.File("web.sysctl"), "--set", "net.ipv4.tcp_syncookies=0", "--set", "duration=16s");

        Assert.Equal(0, result.Code);
        var report = File.ReadAllText(Path.Combine(temp.File("run"), "report.md"));
        Assert.Contains("Overrides: `--set net.ipv4.tcp_syncookies=0`, `--set duration=16s`; sysctl file "
                        + $"`{temp.File("web.sysctl")}`; sysctls that differ from the profile: "
                        + "`net.ipv4.tcp_synack_retries = 2`, `net.ipv4.tcp_syncookies = 0`.", report,
            StringComparison.Ordinal);
        Assert.Contains("Profile `linux-6.18`", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_as_written_says_it_has_no_overrides()
    {
        using var temp = new TempFolder();
        var tool = new Tcpswarm { Runner = TestDoubleRunner.Returning(Summaries.Report(RunStatus.Completed)) };

        await tool.Run("run", Quickstart, "--out", temp.Path);

        Assert.Contains("Overrides: none; the scenario and profile `linux-6.18` as written.",
            File.ReadAllText(temp.File("report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interrupted_run_says_when_it_stopped_and_the_report_verb_says_it_again()
    {
        using var temp = new TempFolder();
        var partial = Summaries.Example() with { VirtualSeconds = 12.5 };
        var tool = new Tcpswarm
        {
            Runner = TestDoubleRunner.Returning(Summaries.Report(RunStatus.Interrupted, partial)),
        };

        var result = await tool.Run("run", Quickstart, "--out", temp.Path);

        Assert.Equal(130, result.Code);
        const string Said = "**Interrupted at 12.5 s** of the 20 s asked for: every figure below covers those 12.5 s "
                            + "only.";
        Assert.Contains(Said, File.ReadAllText(temp.File("report.md")), StringComparison.Ordinal);
        File.Delete(temp.File("report.md"));
        Assert.Equal(0, (await Tcpswarm.RunWithoutEngine("report", temp.Path)).Code);
        Assert.Contains(Said, File.ReadAllText(temp.File("report.md")), StringComparison.Ordinal);
    }
}
