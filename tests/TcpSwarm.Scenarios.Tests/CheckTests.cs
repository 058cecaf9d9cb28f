namespace TcpSwarm.Scenarios.Tests;

/// <summary>checks: and --check: PATH OP VALUE read into checks, each mistake located where it was written.</summary>
public sealed class CheckTests
{
    private static string Scenario(string checks) => File.ReadAllText(Path.Combine(Repo.LoadDir, "quickstart.yaml"))
                                                     + checks;

    private static ScenarioLoadResult Load(string yaml, params string[] options) =>
        ScenarioLoader.LoadFromText("checked.yaml", yaml, new ScenarioOverrides { Checks = options });

    // The 1-based line on which text first appears in yaml.
    private static int LineOf(string yaml, string text) =>
        yaml[..yaml.IndexOf(text, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    [Fact]
    public void Checks_are_read_with_their_operator_value_unit_and_place_the_scenarios_first()
    {
        var yaml = Scenario("checks:\n  - outcomes.port_exhausted == 0\n  - handshake.p99 < 1.5s\n"
                            + "  - handshake.over_1s<=2.5%\n");

        var result = Load(yaml, "servers.web.peak_syn_queue >= 1_000");

        Assert.True(result.IsValid, string.Join('\n', result.Problems));
        Assert.Equal(
        [
            ("outcomes.port_exhausted", "==", 0.0, CheckUnit.None, "checked.yaml", LineOf(yaml, "outcomes.port"),
                "checks[0]"),
            ("handshake.p99", "<", 1.5, CheckUnit.Duration, "checked.yaml", LineOf(yaml, "handshake.p99"), "checks[1]"),
            ("handshake.over_1s", "<=", 0.025, CheckUnit.Percent, "checked.yaml", LineOf(yaml, "handshake.over"),
                "checks[2]"),
            ("servers.web.peak_syn_queue", ">=", 1000.0, CheckUnit.None, "--check", 0,
                "servers.web.peak_syn_queue >= 1_000"),
        ], result.Checks.Select(c => (c.Path, c.Operator, Math.Round(c.Value, 9), c.Unit, c.File, c.Line, c.Field)));
        Assert.All(result.Checks.Take(3), c => Assert.Equal(5, c.Column));
    }

    [Theory]
    [InlineData("attempts = 3", "'attempts = 3' is not a check; write PATH OP VALUE")]
    [InlineData("attempts < 3 parsecs", "'parsecs' is not a unit a check takes")]
    [InlineData("attempts < 3kb", "'kb' is not a unit a check takes; use ms, s (us, min, h) or %, or none")]
    [InlineData("outcomes..open == 0", "'outcomes..open' has an empty part")]
    [InlineData("< 3", "'< 3' is not a check")]
    public void A_check_that_is_not_path_op_value_is_a_problem_at_its_line_and_column(string check, string message)
    {
        var yaml = Scenario($"checks:\n  - \"{check}\"\n");

        var result = Load(yaml);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("checked.yaml", LineOf(yaml, check), 5, "checks[0]"),
            (problem.File, problem.Line, problem.Column, problem.Field));
        Assert.StartsWith(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checks_that_are_not_a_list_of_strings_are_refused_where_they_are()
    {
        var yaml = Scenario("checks:\n  - { attempts: 3 }\n");

        var problem = Assert.Single(Load(yaml).Problems);

        Assert.Equal((LineOf(yaml, "{ attempts"), "checks[0]"), (problem.Line, problem.Field));
        Assert.StartsWith("expected a check, PATH OP VALUE", problem.Message, StringComparison.Ordinal);
        Assert.StartsWith("expected a list of checks",
            Assert.Single(Load(Scenario("checks: attempts > 3\n")).Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_check_option_is_located_at_the_option_after_the_files_problems()
    {
        var yaml = Scenario("checks:\n  - nonsense\n");

        var result = Load(yaml, "attempts >> 3");

        Assert.Equal([("checked.yaml", "checks[0]"), ("--check", "attempts >> 3")],
            result.Problems.Select(p => (p.File, p.Field)));
    }
}
