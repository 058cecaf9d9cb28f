using TcpSwarm.Simulation.Model;
using YamlDotNet.RepresentationModel;

namespace TcpSwarm.Scenarios;

// arrivals: { stages: [ { to: 1000/s, over: 30s }, { hold: 60s }, ... ] }: k6's stages, Poisson, from 0/s.
internal sealed partial class ScenarioReader
{
    private const string StageForms = "{ to: R, over: D } (a linear ramp; over: 0s jumps) or { hold: D }";

    /// <summary>At most this many stages in one group.</summary>
    public const int MaxStages = 1_000;

    private ArrivalSpec ReadStages(Fields a)
    {
        var fallback = new ArrivalSpec.Constant(1);
        var field = a.Field("stages");
        var node = a.Node("stages")!;
        if (node is not YamlSequenceNode { Children.Count: > 0 } list)
        {
            Problem(SpotOf(node), field, $"expected a list of stages, each {StageForms}, found {Describe(node)}");
            return fallback;
        }
        if (list.Children.Count > MaxStages)
        {
            Problem(SpotOf(list.Children[MaxStages]), field, $"{list.Children.Count} stages; use at most {MaxStages}");
            return fallback;
        }
        var stages = new List<ArrivalStage>();
        bool ok = true;
        double rate = 0, peak = 0;
        var total = TimeSpan.Zero;
        for (int i = 0; i < list.Children.Count; i++)
        {
            var s = new Fields(this, list.Children[i], $"{field}[{i}]", null, SpotOf(list.Children[i]), "a stage",
                ["to", "over", "hold"]);
            if (s.Reported || !s.Exists)
            {
                if (!s.Reported) Problem(s.At, s.Path, $"has no value; use {StageForms}");
                ok = false;
                continue;
            }
            if (s.InFile("hold"))
            {
                if (s.InFile("to") || s.InFile("over"))
                {
                    Problem(s.KeyAt(s.InFile("to") ? "to" : "over"), s.Path,
                        $"a stage either holds or ramps; use {StageForms}");
                    ok = false;
                    continue;
                }
                ok &= TryRead(s, "hold", Kinds.Duration(false, Kinds.OneDay), out var hold);
                stages.Add(new ArrivalStage(rate, hold, Hold: true));
                total += hold;
            }
            else if (s.InFile("to") || s.InFile("over"))
            {
                bool got = TryReadRequired(s, "to", Kinds.Rate(true), "a ramping stage", out var to)
                           & TryReadRequired(s, "over", Kinds.Duration(true, Kinds.OneDay), "a ramping stage",
                               out var over);
                ok &= got;
                if (!got) continue;
                stages.Add(new ArrivalStage(to, over));
                (rate, total) = (to, total + over);
                peak = Math.Max(peak, to);
            }
            else
            {
                if (!s.HadUnknown) Problem(s.At, s.Path, $"an empty stage; use {StageForms}");
                ok = false;
            }
            if (total > Kinds.OneDay)
            {
                Problem(s.At, s.Path, $"the stages reach {Units.FormatDuration(total)} here; use at most 24h in all");
                return fallback;
            }
        }
        if (!ok) return fallback;
        if (peak == 0)
        {
            Problem(SpotOf(list), field, "every stage's rate is 0/s, so nothing arrives; ramp to a rate above 0/s");
            return fallback;
        }
        return new ArrivalSpec.Stages(stages);
    }
}
