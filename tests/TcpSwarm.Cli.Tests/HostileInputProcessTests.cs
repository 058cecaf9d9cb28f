namespace TcpSwarm.Cli.Tests;

/// <summary>Hostile input through the real program: exit 2 with a located problem, never a crash (134), an
/// exception (1) or reading until the machine runs out of memory.</summary>
public sealed class HostileInputProcessTests
{
    [Fact]
    public async Task Fifty_thousand_nested_brackets_are_one_located_problem_not_a_stack_overflow()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("deep.yaml"), new string('[', 50_000));

        var (code, _, error) = await RealProcess.Run("validate", dir.File("deep.yaml"));

        Assert.Equal(2, code);
        Assert.StartsWith($"error: {dir.File("deep.yaml")}:1:65: yaml: nested more than 64 levels deep", error,
            StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dev_zero_as_scenario_or_sysctl_file_is_refused_after_its_limit()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("s.yaml"),
            File.ReadAllText(Repo.Load("syn-flood.yaml")) + "sysctl_file: /dev/zero\n");

        var scenario = await RealProcess.Run("validate", "/dev/zero");
        var sysctl = await RealProcess.Run("validate", dir.File("s.yaml"));
        var option = await RealProcess.Run("validate", Repo.Load("syn-flood.yaml"), "--sysctl-file", "/dev/zero");

        Assert.Equal((2, "error: /dev/zero: file: is larger than 1 MiB, the most a file here may hold; is it the "
                         + "right file?"), (scenario.Code, scenario.Error.Split('\n')[0]));
        Assert.Equal(2, sysctl.Code);
        Assert.Contains($"{dir.File("s.yaml")}:20:14: sysctl_file: '/dev/zero' is larger than 16 MiB", sysctl.Error,
            StringComparison.Ordinal);
        Assert.Equal(2, option.Code);
        Assert.Contains("--sysctl-file: sysctl_file: '/dev/zero' is larger than 16 MiB", option.Error,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("duration=79228162514264337593543950335h")]
    [InlineData("clients.browsers.session.think=79228162514264337593543950335h")]
    [InlineData("clients.browsers.arrivals.poisson=79228162514264337593543950335/ms")]
    [InlineData("attackers.flood.syn_rate=79228162514264337593543950335/s")]
    [InlineData("trace.sample=0.00000000000000000000000000001%")]
    public async Task A_29_digit_or_sub_resolution_value_is_exit_2_at_its_option(string set)
    {
        var result = await Tcpswarm.RunRefusing("validate", Repo.Load("syn-flood.yaml"), "--set", set);

        Assert.Equal(2, result.Code);
        Assert.StartsWith($"error: --set: {set[..set.IndexOf('=', StringComparison.Ordinal)]}: ",
            result.ErrorLines[0], StringComparison.Ordinal);
        result.AssertNoStackTrace();
    }

    [Fact]
    public async Task A_scenarios_control_characters_never_reach_the_terminal_raw()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("c.yaml"), "# Is this \u001b]0;owned\u0007 shown?\n"
            + File.ReadAllText(Repo.Load("syn-flood.yaml")).Replace("seed: 42", "seed: \"4\u001b[2J2\"",
                StringComparison.Ordinal));

        var refused = await Tcpswarm.RunRefusing("validate", dir.File("c.yaml"));
        File.WriteAllText(dir.File("c.yaml"), File.ReadAllText(dir.File("c.yaml")).Replace("\"4\u001b[2J2\"", "42",
            StringComparison.Ordinal));
        var valid = await Tcpswarm.RunRefusing("validate", dir.File("c.yaml"));

        Assert.Equal((2, 0), (refused.Code, valid.Code));
        Assert.Contains(@"'4\e[2J2' is not allowed", refused.Error, StringComparison.Ordinal);
        Assert.Contains(@"  question    Is this \e]0;owned\x07 shown?", valid.OutLines);
        Assert.DoesNotContain(refused.Error + valid.Out + valid.Error, c => char.IsControl(c) && c != '\n');
    }

    [Fact]
    public async Task A_file_name_with_control_characters_is_echoed_escaped()
    {
        using var dir = new TempFolder();
        var path = dir.File("a\u001b[2Jb.yaml");
        File.Copy(Repo.Load("syn-flood.yaml"), path);

        var result = await Tcpswarm.RunRefusing("validate", path);

        Assert.Equal(0, result.Code);
        Assert.Equal($"{dir.Path}/a\\e[2Jb.yaml is valid; nothing was started.", result.OutLines[0]);
        Assert.Contains(@"  scenario    a\e[2Jb", result.OutLines);
    }
}
