namespace TcpSwarm.Scenarios.Tests;

/// <summary>Each file in Malformed/ holds one mistake and says, on its first line, the one problem expected:
/// <c># expect: LINE:COLUMN: FIELD: MESSAGE-START</c>, or <c># expect: @FILE:LINE:COLUMN: ...</c> when the mistake is
/// in FILE beside it (a sysctl_file).</summary>
public sealed class MalformedCorpusTests
{
    private static string Dir => Path.Combine(AppContext.BaseDirectory, "Malformed");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Dir, "*.yaml").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Fact]
    public void The_corpus_has_at_least_thirty_mistakes()
    {
        Assert.True(Files().Count >= 30, $"only {Files().Count} malformed scenarios");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_scenario_with_one_mistake_gets_exactly_that_problem_located(string file)
    {
        var path = Path.Combine(Dir, file);
        var (where, line, column, field, messageStart) = Expectation(File.ReadLines(path).First());
        var inFile = where is null ? path : Path.Combine(Dir, where);

        var result = ScenarioLoader.Load(path, ScenarioOverrides.None, 4L << 30);

        Assert.Null(result.Scenario);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((inFile, line, column, field), (problem.File, problem.Line, problem.Column, problem.Field));
        Assert.StartsWith(messageStart, problem.Message, StringComparison.Ordinal);
        Assert.Equal($"error: {inFile}:{line}:{column}: {field}: {problem.Message}", problem.ToString());
        AssertNoStackTraceOrExceptionName(problem.ToString());
    }

    internal static void AssertNoStackTraceOrExceptionName(string text)
    {
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("YamlDotNet", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text, StringComparison.Ordinal);
    }

    private static (string? File, int Line, int Column, string Field, string MessageStart) Expectation(string firstLine)
    {
        const string Prefix = "# expect: ";
        Assert.StartsWith(Prefix, firstLine, StringComparison.Ordinal);
        var parts = firstLine[Prefix.Length..].Split(": ", 3);
        Assert.Equal(3, parts.Length);
        var position = parts[0].Split(':');
        string? file = position.Length == 3 && position[0].StartsWith('@') ? position[0][1..] : null;
        int at = file is null ? 0 : 1;
        return (file, int.Parse(position[at], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(position[at + 1], System.Globalization.CultureInfo.InvariantCulture), parts[1], parts[2]);
    }
}
