using System.Diagnostics;

namespace TcpSwarm.Cli.Tests;

/// <summary>The built program as a child process, `dotnet tcpswarm.dll`: the exit code the shell sees.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task Version_exits_0()
    {
        var (code, output, _) = await Tcpswarm("--version");

        Assert.Equal(0, code);
        Assert.StartsWith("0.1.0", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_scenario_exits_2_from_the_real_process()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Malformed", "port-out-of-range.yaml");

        var (code, output, error) = await Tcpswarm("validate", path);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.EndsWith("1 problem; nothing was started.\n", error, StringComparison.Ordinal);
    }

    // Until RunnerFactory returns the embedded-silo runner; then this becomes a real run of quickstart.yaml.
    [Fact]
    public async Task Run_without_the_engine_exits_1_from_the_real_process()
    {
        var (code, output, error) = await Tcpswarm("run", Repo.Load("quickstart.yaml"), "--out",
            Path.Combine(Path.GetTempPath(), "tcpswarm-cli-never-made"));

        Assert.Equal(1, code);
        Assert.Equal("seed 1\n", output);
        Assert.Contains("not part of this build yet", error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Out, string Error)> Tcpswarm(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tcpswarm.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }
}
