namespace TcpSwarm.Cli.Tests;

public sealed class CommandLineTests
{
    private static string Quickstart => Repo.Load("quickstart.yaml");

    [Theory]
    [InlineData("foo")]
    [InlineData("net.ipv4.tcp_syncookies")]
    public async Task A_set_without_an_equals_sign_is_a_problem_and_nothing_runs(string set)
    {
        var result = await Tcpswarm.RunRefusing("run", Quickstart, "--set", set);

        Assert.Equal(2, result.Code);
        Assert.Equal([$"error: --set: {set}: '{set}' has no '='; use --set KEY=VALUE, for example --set "
                      + "net.ipv4.tcp_syncookies=0", "1 problem; nothing was started."], result.ErrorLines);
        Assert.Empty(result.Out);
        result.AssertNoStackTrace();
    }

    [Fact]
    public async Task A_set_the_loader_refuses_is_located_at_the_option()
    {
        var result = await Tcpswarm.RunRefusing("run", Quickstart, "--set", "net.ipv4.tcp_syncookies=3");

        Assert.Equal(2, result.Code);
        Assert.Equal("error: --set: net.ipv4.tcp_syncookies: 3 is not allowed; use 0, 1, 2", result.ErrorLines[0]);
        result.AssertNoStackTrace();
    }

    [Fact]
    public async Task A_set_value_may_hold_an_equals_sign_after_the_first()
    {
        var result = await Tcpswarm.RunRefusing("run", Quickstart, "--set", "servers.web.accept=x=y");

        Assert.Equal(2, result.Code);
        Assert.StartsWith("error: --set: servers.web.accept: 'x=y'", result.ErrorLines[0],
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("18446744073709551616")]
    public async Task A_seed_that_is_not_a_whole_number_in_range_is_a_problem(string seed)
    {
        var result = await Tcpswarm.RunRefusing("run", Quickstart, "--seed", seed);

        Assert.Equal(2, result.Code);
        Assert.Equal($"error: --seed: seed: '{seed}' is not allowed; use an integer from 0 to 18446744073709551615",
            result.ErrorLines[0]);
    }

    [Fact]
    public async Task A_bad_speed_is_a_problem()
    {
        var result = await Tcpswarm.RunRefusing("run", Quickstart, "--speed", "fast");

        Assert.Equal(2, result.Code);
        Assert.StartsWith("error: --speed: speed: 'fast' is not allowed", result.ErrorLines[0],
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", "load/quickstart.yaml", "--bogus")]
    [InlineData("run", "load/quickstart.yaml", "--set")]
    [InlineData("run", "load/quickstart.yaml", "--seed")]
    [InlineData("run")]
    [InlineData("validate")]
    [InlineData("frobnicate")]
    [InlineData]
    public async Task A_command_line_mistake_is_its_message_and_exit_2_without_a_stack_trace(params string[] args)
    {
        var result = await Tcpswarm.RunRefusing(args);

        Assert.Equal(2, result.Code);
        Assert.StartsWith("error: ", result.ErrorLines[0], StringComparison.Ordinal);
        Assert.EndsWith("--help'; nothing was started.", result.ErrorLines[^1], StringComparison.Ordinal);
        Assert.Empty(result.Out);
        result.AssertNoStackTrace();
    }

    [Fact]
    public async Task An_unknown_option_is_named()
    {
        var result = await Tcpswarm.RunRefusing("run", Quickstart, "--bogus");

        Assert.Equal("error: Unrecognized command or argument '--bogus'.", result.ErrorLines[0]);
        Assert.Equal("see 'tcpswarm run --help'; nothing was started.", result.ErrorLines[1]);
    }

    [Fact]
    public async Task A_missing_scenario_file_is_one_located_line()
    {
        var result = await Tcpswarm.RunRefusing("run", "/nonexistent/scenario.yaml");

        Assert.Equal(2, result.Code);
        Assert.Equal(["error: /nonexistent/scenario.yaml: file: no such file", "1 problem; nothing was started."],
            result.ErrorLines);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task Without_an_engine_run_says_so_plainly_and_exits_1_after_checking_its_input()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "run");

        var result = await Tcpswarm.RunWithoutEngine("run", Quickstart, "--out", folder);

        Assert.Equal(1, result.Code);
        Assert.Equal(["seed 1"], result.OutLines);
        Assert.Contains("the scenario runner is not part of this build yet", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
        result.AssertNoStackTrace();
    }

    [Fact]
    public async Task The_version_is_the_assemblys_informational_version()
    {
        var result = await Tcpswarm.RunRefusing("--version");

        Assert.Equal(0, result.Code);
        Assert.Equal(ToolVersion.Informational, result.Out.Trim());
        Assert.StartsWith("0.1.0", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_help_says_what_each_option_does_and_its_default()
    {
        var result = await Tcpswarm.RunRefusing("run", "--help");

        Assert.Equal(0, result.Code);
        string[] options = ["--out <DIR>", "--seed <N>", "--speed <max|F>", "--set <KEY=VALUE>", "--redis <HOST:PORT>",
            "--cluster-id <ID>", "--gateways <PORT,...>", "--metrics-port <P>", "--metrics-address <A>",
            "--metrics-linger <DURATION>", "--otlp-endpoint <URL>", "--sysctl-file <FILE>", "--check <EXPR>",
            "--redis-password-file <FILE>", "--cluster-timeout <DURATION>", "--force"];
        foreach (var option in options) Assert.Contains(option, result.Out, StringComparison.Ordinal);
        Assert.Equal(options.Length, result.Out.Split("Default:").Length - 1);
    }

    [Fact]
    public async Task Help_lists_the_verbs_that_exist_and_none_that_do_not_yet()
    {
        var result = await Tcpswarm.RunRefusing("--help");

        Assert.Contains("validate <SCENARIO>", result.Out, StringComparison.Ordinal);
        Assert.Contains("run <SCENARIO>", result.Out, StringComparison.Ordinal);
        Assert.Contains("compare <RUN_A> <RUN_B>", result.Out, StringComparison.Ordinal);
        Assert.Contains("report <RUN_DIR>", result.Out, StringComparison.Ordinal);
        Assert.Contains("  silo ", result.Out, StringComparison.Ordinal);
        Assert.Contains("  calibrate ", result.Out, StringComparison.Ordinal);
        Assert.Contains("  bench ", result.Out, StringComparison.Ordinal);
        Assert.Contains("drill <SCRIPT>", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("  serve ", result.Out, StringComparison.Ordinal);        // nothing that is not there
    }
}
