using TcpSwarm.Simulation.Model;
using YamlDotNet.RepresentationModel;

namespace TcpSwarm.Scenarios;

// An application's wait (close_after, passive_close_after, accept workers' service): a duration, never, or one of the
// latency distributions, here with a min of 0 allowed (a wait is no latency floor).
internal sealed partial class ScenarioReader
{
    private const string WaitDistributions =
        "fixed: D, uniform: { min, max }, normal: { mean, stddev, min }, exponential: { mean, min }";

    /// <summary>A wait: a duration (0 is at once), `never` when allowed, or a distribution mapping.</summary>
    private DelaySpec ReadDelay(Fields f, string key, bool allowNever, DelaySpec fallback)
    {
        var expected = (allowNever ? "a duration such as 30s, never, or " : "a duration such as 2ms, or ")
                       + WaitDistributions;
        var node = f.Node(key);
        if (f.Override(key) is null && node is YamlMappingNode)
            return WaitDistribution(node, f, key, expected) is { } d ? new DelaySpec.After(d) : fallback;
        var s = f.Scalar(key, expected);
        if (s is null) return fallback;
        var text = s.Text.Trim();
        if (text == "never")
        {
            if (allowNever) return new DelaySpec.Never();
            Problem(s.At, s.Field, $"never is not allowed here; use {expected}");
            return fallback;
        }
        var kind = Kinds.Duration(true, Kinds.OneDay);
        if (kind.TryParse(text, out var wait, out var error)) return new DelaySpec.After(new LatencySpec.Fixed(wait));
        Problem(s.At, s.Field, allowNever && NearMiss.Find(text, ["never"]) is { } near
            ? $"'{text}' is not allowed; did you mean '{near}'? (use {expected})"
            : $"{error} (or {expected})");
        return fallback;
    }

    private LatencySpec? WaitDistribution(YamlNode node, Fields f, string key, string expected)
    {
        var field = f.Field(key);
        var l = new Fields(this, node, field, null, f.KeyAt(key), "a distribution", LatencyKeys);
        var kinds = l.Keys.ToList();
        if (kinds.Count != 1)
        {
            if (kinds.Count > 1)
                Problem(SpotOf(kinds[1]), field, $"two distributions ({kinds[0].Value} and {kinds[1].Value}); "
                                                 + $"use exactly one of {string.Join(", ", LatencyKeys)}");
            else if (!l.HadUnknown) Problem(l.At, field, $"no distribution; use {expected}");
            return null;
        }
        var kind = kinds[0].Value!;
        var any = Kinds.Duration(true, Kinds.OneDay);
        if (kind == "fixed")
            return TryRead(l, "fixed", any, out var fixedWait) ? new LatencySpec.Fixed(fixedWait) : null;
        var what = $"a {kind} distribution";
        var d = Sub(l, kind, what, kind switch
        {
            "uniform" => ["min", "max"],
            "normal" => ["min", "mean", "stddev"],
            _ => ["min", "mean"],
        });
        var min = Read(d, "min", any, TimeSpan.Zero);
        bool ok;
        switch (kind)
        {
            case "uniform":
                ok = TryReadRequired(d, "min", any, what, out min) & TryReadRequired(d, "max", any, what, out var max);
                if (ok && max < min) return Below(d, "max", max, "min", min);
                return ok ? new LatencySpec.Uniform(min, max) : null;
            case "normal":
                ok = TryReadRequired(d, "mean", any, what, out var mean)
                     & TryReadRequired(d, "stddev", any, what, out var stddev);
                if (ok && mean < min) return Below(d, "mean", mean, "min", min);
                return ok ? new LatencySpec.Normal(min, mean, stddev) : null;
            default:
                ok = TryReadRequired(d, "mean", any, what, out var average);
                if (ok && average <= min)
                {
                    Problem(d.ValueAt("mean"), d.Field("mean"),
                        $"{Units.FormatDuration(average)} is not above min ({Units.FormatDuration(min)}); "
                        + "use a mean above min");
                    return null;
                }
                return ok ? new LatencySpec.Exponential(min, average) : null;
        }
    }

    private LatencySpec? Below(Fields d, string key, TimeSpan value, string boundKey, TimeSpan bound)
    {
        Problem(d.ValueAt(key), d.Field(key),
            $"{Units.FormatDuration(value)} is below {boundKey} ({Units.FormatDuration(bound)}); "
            + $"use a {key} of at least {boundKey}");
        return null;
    }
}
