namespace TcpSwarm.Scenarios.Tests;

/// <summary>Input that is hostile or careless (a 29-digit value, /dev/zero, 50,000 brackets, escape sequences, a
/// secret file named as a sysctl file) is refused as located problems: nothing overflows, runs out of memory or
/// reaches the terminal raw.</summary>
public sealed class HostileInputTests
{
    private const string Huge = "79228162514264337593543950335";
    private static string Quickstart => Path.Combine(Repo.LoadDir, "quickstart.yaml");
    private static string SynFlood => Path.Combine(Repo.LoadDir, "syn-flood.yaml");

    private static ScenarioProblem SingleProblem(string file, params (string, string)[] sets)
    {
        var result = ScenarioLoader.Load(file, new ScenarioOverrides { Sets = sets }, 4L << 30);
        Assert.Null(result.Scenario);
        return Assert.Single(result.Problems);
    }

    [Theory]
    [InlineData("duration", Huge + "h", "too long a duration")]
    [InlineData("duration", Huge + "us", "too long a duration")]
    [InlineData("duration", "792281625142us", "is not allowed; use a duration above 0s and at most 24h")]
    [InlineData("clients.browsers.session.think", Huge + "h", "too long a duration")]
    [InlineData("clients.browsers.session.think", "-" + Huge + "h", "too long a duration")]
    [InlineData("attackers.flood.start", Huge + "m", "too long a duration")]
    [InlineData("clients.browsers.arrivals.poisson", Huge + Huge + "/ms", "too large a rate")]
    [InlineData("attackers.flood.syn_rate", Huge + Huge + "/s", "too large a rate")]
    [InlineData("servers.web.accept.rate", Huge + Huge + "/h", "too large a rate")]
    [InlineData("servers.web.response.bytes", Huge + "TiB", "too large a size")]
    [InlineData("trace.sample", Huge + "%", "too large a percentage")]
    [InlineData("trace.sample", Huge + Huge + "%", "too large a percentage")]
    [InlineData("servers.web.port", Huge + Huge, "is not allowed; use an integer from 1 to 65535")]
    public void A_value_far_out_of_range_is_refused_at_its_option_before_any_arithmetic(string key, string value,
        string says)
    {
        var problem = SingleProblem(SynFlood, (key, value));

        Assert.Equal(("--set", 0, key), (problem.File, problem.Line, problem.Field));
        Assert.Contains(says, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.00000000000000000000000000001%")]
    [InlineData("0.00001%")]
    [InlineData("1.00000000000000000000000000000001%")]
    [InlineData("0.5ppm")]
    public void A_share_finer_than_one_ppm_is_refused_never_rounded(string value)
    {
        var problem = SingleProblem(SynFlood, ("trace.sample", value));

        Assert.Equal("trace.sample", problem.Field);
        Assert.EndsWith("is finer than 1 ppm (0.0001%)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_loss_finer_than_one_ppm_in_the_file_is_refused_at_its_line()
    {
        var text = File.ReadAllText(Quickstart).Replace("loss: 0.5%", "loss: 0.00000000000000000000000000001%",
            StringComparison.Ordinal);

        var result = ScenarioLoader.LoadFromText("q.yaml", text, null, 4L << 30);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("q.yaml", 22, "paths[0].loss"), (problem.File, problem.Line, problem.Field));
        Assert.Contains("finer than 1 ppm", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.05us", "finer than 100 ns")]
    [InlineData("1.00000001s", "finer than 100 ns")]
    [InlineData("0." + "0000000000000000000000000000000000000001" + "1s", "finer than 100 ns")]
    [InlineData("25h", "at most 24h")]
    public void A_duration_finer_than_100_ns_or_longer_than_a_day_is_refused(string value, string says)
    {
        var problem = SingleProblem(SynFlood, ("clients.browsers.session.think", value));

        Assert.Contains(says, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_latency_longer_than_a_day_is_refused_since_virtual_time_could_not_hold_it()
    {
        var text = File.ReadAllText(Quickstart).Replace("mean: 10ms", "mean: 10000000h", StringComparison.Ordinal);

        var problem = Assert.Single(ScenarioLoader.LoadFromText("q.yaml", text, null, 4L << 30).Problems);

        Assert.Equal((22, "paths[0].latency.normal.mean"), (problem.Line, problem.Field));
        Assert.Contains("at most 24h", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endless_scenario_file_is_refused_after_its_limit_is_read()
    {
        var result = ScenarioLoader.Load("/dev/zero");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("/dev/zero", 0, "file"), (problem.File, problem.Line, problem.Field));
        Assert.Contains("larger than 1 MiB", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endless_sysctl_file_is_refused_at_the_key_that_names_it()
    {
        var text = File.ReadAllText(Quickstart) + "sysctl_file: /dev/zero\n";

        var problem = Assert.Single(ScenarioLoader.LoadFromText("q.yaml", text, null, 4L << 30).Problems);

        Assert.Equal(("q.yaml", 25, "sysctl_file"), (problem.File, problem.Line, problem.Field));
        Assert.Contains("larger than 16 MiB", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_just_under_the_limit_is_read_and_one_just_over_it_is_not()
    {
        var folder = Directory.CreateTempSubdirectory("tcpswarm-limit-");
        try
        {
            var valid = File.ReadAllText(Quickstart);
            var under = Path.Combine(folder.FullName, "under.yaml");
            var over = Path.Combine(folder.FullName, "over.yaml");
            File.WriteAllText(under, valid + new string('#', (1 << 20) - valid.Length));
            File.WriteAllText(over, valid + new string('#', (1 << 20) - valid.Length + 1));

            Assert.True(ScenarioLoader.Load(under, null, 4L << 30).IsValid);
            Assert.Contains("larger than 1 MiB", Assert.Single(ScenarioLoader.Load(over).Problems).Message,
                StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("[", 50_000)]
    [InlineData("{a: ", 50_000)]
    [InlineData("- ", 5_000)]
    public void Nesting_past_the_limit_is_one_located_problem_not_a_stack_overflow(string opener, int depth)
    {
        var text = string.Concat(Enumerable.Repeat(opener, depth));

        var result = ScenarioLoader.LoadFromText("deep.yaml", text);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("deep.yaml", 1, "yaml"), (problem.File, problem.Line, problem.Field));
        Assert.Contains("nested more than 64 levels deep", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_within_the_limit_is_read_as_the_yaml_it_is()
    {
        var text = "x-deep: " + new string('[', 60) + new string(']', 60) + "\n" + File.ReadAllText(Quickstart);

        Assert.True(ScenarioLoader.LoadFromText("q.yaml", text, null, 4L << 30).IsValid);
    }

    [Fact]
    public void Control_characters_in_the_input_are_escaped_in_every_message()
    {
        var text = "# Does \u001b[2J this \u202e clear the screen?\n" + File.ReadAllText(Quickstart)
            .Replace("think: 10ms", "think: \"\u001b[31m10\u0007ms\"", StringComparison.Ordinal)
            .Replace("backlog: 128", "backl\u001bog: 128", StringComparison.Ordinal);

        var result = ScenarioLoader.LoadFromText("a\u001b]0;title\u0007.yaml", text, null, 4L << 30);

        Assert.Equal(2, result.Problems.Count);
        foreach (var shown in result.Problems.Select(p => p.ToString()))
        {
            Assert.DoesNotContain(shown, c => char.IsControl(c));
            Assert.Contains(@"a\e]0;title\x07.yaml", shown, StringComparison.Ordinal);
        }
        Assert.Contains(result.Problems, p => p.Message.Contains(@"'\e[31m10\x07ms'", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Field.Contains(@"backl\eog", StringComparison.Ordinal));
        var fixedText = text.Replace("\"\u001b[31m10\u0007ms\"", "10ms", StringComparison.Ordinal)
            .Replace("backl\u001bog", "backlog", StringComparison.Ordinal);
        var scenario = ScenarioLoader.LoadFromText("q.yaml", fixedText, null, 4L << 30).Scenario!;
        Assert.Equal(@"Does \e[2J this \u202E clear the screen?", scenario.Question);
    }

    [Fact]
    public void A_secret_file_given_as_sysctl_file_is_refused_without_its_content()
    {
        var folder = Directory.CreateTempSubdirectory("tcpswarm-secret-");
        try
        {
            var secret = Path.Combine(folder.FullName, "shadow");
            File.WriteAllLines(secret, Enumerable.Range(0, 50).Select(i => $"user{i}:$6$SALT{i}$HASHSECRET{i}:19700"));
            var text = File.ReadAllText(Quickstart) + $"sysctl_file: {secret}\n";

            var problems = ScenarioLoader.LoadFromText("q.yaml", text, null, 4L << 30).Problems;

            Assert.Equal(21, problems.Count);
            Assert.All(problems, p => Assert.DoesNotContain("SECRET", p.ToString(), StringComparison.Ordinal));
            Assert.All(problems, p => Assert.DoesNotContain("user", p.ToString(), StringComparison.Ordinal));
            Assert.Equal(Enumerable.Range(1, 21), problems.Select(p => p.Line));
            Assert.Contains("this line and 29 more are not settings", problems[^1].Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("\"\": 1\n", "(an empty key)")]
    [InlineData("\" \": 1\n", "(an empty key)")]
    [InlineData("[a, b]: 1\n", "yaml")]
    [InlineData("? { a: 1 }\n: 1\n", "yaml")]
    public void A_key_that_is_no_name_is_a_problem_with_a_field_to_name(string line, string field)
    {
        var result = ScenarioLoader.LoadFromText("q.yaml", line + File.ReadAllText(Quickstart), null, 4L << 30);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("q.yaml", 1, field), (problem.File, problem.Line, problem.Field));
    }
}
