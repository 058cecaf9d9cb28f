using YamlDotNet.RepresentationModel;

namespace TcpSwarm.Scenarios;

// checks: and --check: the conditions a run must meet to pass, each parsed here with its place; whether a path names
// a figure of summary.json is the command line's to say (it knows the document), before the run starts.
internal sealed partial class ScenarioReader
{
    public const string CheckOption = "--check";

    private readonly List<RunCheck> _checks = [];

    private void ReadChecks(Fields top)
    {
        var items = Items(top, "checks", "checks ('outcomes.port_exhausted == 0')", out _);
        for (int i = 0; i < items.Count; i++)
        {
            var field = $"checks[{i}]";
            var at = SpotOf(items[i]);
            if (items[i] is not YamlScalarNode { Value: { } text } || IsNull(items[i]))
            {
                Problem(at, field, $"expected a check, {CheckParser.Form}; found {Describe(items[i])}");
                continue;
            }
            Add(text, at, field);
        }
        foreach (var text in _options.Checks) Add(text, new Spot(CheckOption, 0, 0), text.Trim());
    }

    private void Add(string text, Spot at, string field)
    {
        if (CheckParser.TryParse(text, at.File, at.Line, at.Column, field, out var check, out var error))
            _checks.Add(check);
        else
            Problem(at, field, error);
    }
}
