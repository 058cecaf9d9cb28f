namespace TcpSwarm.Cli.Tests;

/// <summary>`--sysctl-file FILE` on validate and run: a real server's `sysctl -a` output as the profile's overrides.
/// </summary>
public sealed class SysctlFileOptionTests
{
    [Fact]
    public async Task Validate_takes_the_modelled_keys_and_says_how_many_it_ignored()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("web.sysctl"), "kernel.hostname = web-1\nnet.ipv4.tcp_syncookies = 0\n"
            + "vm.swappiness = 60\nnet.ipv4.tcp_max_syn_backlog = 128\n");

        var result = await Tcpswarm.RunRefusing("validate", Repo.Load("syn-flood.yaml"), "--sysctl-file",
            dir.File("web.sysctl"));

        Assert.Equal(0, result.Code);
        // syn-flood.yaml names both keys in its own sysctl:, which wins; the note says so.
        Assert.Contains($"note: --sysctl-file: sysctl_file: '{dir.File("web.sysctl")}': 0 settings applied, 2 keys "
                        + "ignored (the model does not use them), 2 left to the scenario's sysctl: or --set, which win",
            result.ErrorLines);
        Assert.Contains("  profile     linux-6.18 with net.ipv4.tcp_max_syn_backlog=1024, net.ipv4.tcp_syncookies=1",
            result.OutLines);
    }

    [Fact]
    public async Task The_files_values_apply_where_the_scenario_and_set_are_silent()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("web.sysctl"), "net.ipv4.tcp_synack_retries = 2\nnet.ipv4.tcp_fin_timeout = 30\n");

        var result = await Tcpswarm.RunRefusing("validate", Repo.Load("syn-flood.yaml"), "--sysctl-file",
            dir.File("web.sysctl"), "--set", "net.ipv4.tcp_fin_timeout=45");

        Assert.Equal(0, result.Code);
        Assert.Contains("  profile     linux-6.18 with net.ipv4.tcp_synack_retries=2, "
                        + "net.ipv4.tcp_max_syn_backlog=1024, net.ipv4.tcp_syncookies=1, net.ipv4.tcp_fin_timeout=45",
            result.OutLines);
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("run")]
    public async Task A_value_out_of_range_exits_2_naming_the_file_line_key_and_what_is_allowed(string verb)
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("web.sysctl"), "# from web-1\nnet.ipv4.tcp_synack_retries = 300\n");

        var result = await Tcpswarm.RunRefusing(verb, Repo.Load("syn-flood.yaml"), "--sysctl-file",
            dir.File("web.sysctl"));

        Assert.Equal(2, result.Code);
        Assert.Contains($"error: {dir.File("web.sysctl")}:2:31: net.ipv4.tcp_synack_retries: 300 is not allowed; "
                        + "use an integer from 0 to 255", result.ErrorLines);
        Assert.Equal("1 problem; nothing was started.", result.ErrorLines[^1]);
        Assert.Empty(result.Out);
        result.AssertNoStackTrace();
    }

    [Fact]
    public async Task A_missing_file_exits_2_at_the_option()
    {
        var result = await Tcpswarm.RunRefusing("validate", Repo.Load("syn-flood.yaml"), "--sysctl-file",
            "/nonexistent/web.sysctl");

        Assert.Equal(2, result.Code);
        Assert.Equal("error: --sysctl-file: sysctl_file: no such file '/nonexistent/web.sysctl'; use the path of a "
                     + "file of `sysctl -a` output", result.ErrorLines[0]);
    }
}
