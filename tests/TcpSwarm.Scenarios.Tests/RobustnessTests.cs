using CsCheck;

namespace TcpSwarm.Scenarios.Tests;

/// <summary>The loader never throws for bad input, whatever the text: every mistake becomes a located
/// problem.</summary>
public sealed class RobustnessTests
{
    private static readonly string Valid = File.ReadAllText(Path.Combine(Repo.LoadDir, "quickstart.yaml"));

    [Fact]
    public void Any_text_gives_a_scenario_or_located_problems_never_an_exception()
    {
        Gen.String[Gen.Char["{}[]:,-#&*!|>'\"%@` \n\tabc019./_"], 0, 200].Sample(text =>
        {
            var result = ScenarioLoader.LoadFromText("x.yaml", text, ScenarioOverrides.None, 4L << 30);
            return (result.Scenario is null) != (result.Problems.Count == 0)
                   && result.Problems.All(p => p.Line >= 1 && p.Column >= 1
                                               && !p.Message.Contains("Exception", StringComparison.Ordinal));
        }, iter: 2000);
    }

    [Fact]
    public void A_valid_scenario_with_one_character_deleted_or_changed_never_throws()
    {
        Gen.Select(Gen.Int[0, Valid.Length - 1], Gen.Char["{}[]:,-# \n0a%/"], Gen.Bool).Sample((at, c, delete) =>
        {
            var text = delete ? Valid.Remove(at, 1) : Valid.Remove(at, 1).Insert(at, c.ToString());
            var result = ScenarioLoader.LoadFromText("q.yaml", text, ScenarioOverrides.None, 4L << 30);
            return (result.Scenario is null) != (result.Problems.Count == 0)
                   && result.Problems.All(p => p.Line >= 1 && p.Column >= 1);
        }, iter: 2000);
    }
}
