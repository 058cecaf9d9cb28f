namespace TcpSwarm.Cli.Tests;

/// <summary>The scenario layer's corpus of malformed files, through the command line: each file's first line says
/// the one problem expected (<c># expect: LINE:COLUMN: FIELD: MESSAGE-START</c>, or <c>@FILE:LINE:...</c> when the
/// mistake is in FILE beside it, a sysctl_file).</summary>
public sealed class MalformedCorpusTests
{
    private static string Dir => Path.Combine(AppContext.BaseDirectory, "Malformed");

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(Dir, "*.yaml").Order(StringComparer.Ordinal))
            foreach (var verb in (string[])["validate", "run"])
                data.Add(verb, Path.GetFileName(file));
        return data;
    }

    [Fact]
    public void The_whole_corpus_is_here()
    {
        Assert.True(Directory.GetFiles(Dir, "*.yaml").Length >= 65);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_scenario_with_one_mistake_is_refused_with_that_mistake_located(string verb, string file)
    {
        var path = Path.Combine(Dir, file);
        var expect = File.ReadLines(path).First();
        Assert.StartsWith("# expect: ", expect, StringComparison.Ordinal);

        var result = await Tcpswarm.RunRefusing(verb, path);

        Assert.Equal(2, result.Code);
        var error = Assert.Single(result.ErrorLines, l => l.StartsWith("error:", StringComparison.Ordinal));
        var expected = expect["# expect: ".Length..];
        if (expected.StartsWith('@'))                  // @FILE:LINE:...: the problem is in FILE, beside the scenario
            expected = Path.Combine(Dir, expected[1..expected.IndexOf(':', StringComparison.Ordinal)])
                       + expected[expected.IndexOf(':', StringComparison.Ordinal)..];
        else
            expected = path + ":" + expected;
        Assert.StartsWith($"error: {expected}", error, StringComparison.Ordinal);
        Assert.Equal("1 problem; nothing was started.", result.ErrorLines[^1]);
        Assert.Empty(result.Out);
        result.AssertNoStackTrace();
    }
}
