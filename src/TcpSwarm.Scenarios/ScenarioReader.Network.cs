using TcpSwarm.Simulation.Model;
using YamlDotNet.RepresentationModel;

namespace TcpSwarm.Scenarios;

// paths (latency with a positive floor, jitter, loss, duplication, reordering, order kept), faults and trace.
internal sealed partial class ScenarioReader
{
    private static readonly string[] PathKeys =
        ["from", "to", "latency", "jitter", "loss", "duplicate", "reorder", "keep_order"];
    private static readonly string[] LatencyKeys = ["fixed", "uniform", "normal", "exponential"];
    private const string Distributions =
        "fixed: D, uniform: { min, max }, normal: { min, mean, stddev } or exponential: { min, mean }";
    private static readonly string[] FaultKeys = ["drop", "black_hole", "partition", "from", "until"];
    private static readonly string[] SegmentWords = ["any", "syn", "syn_ack", "pure_ack", "fin", "rst", "data"];
    private static readonly SegmentKinds[] SegmentValues =
    [
        SegmentKinds.Any, SegmentKinds.Syn, SegmentKinds.SynAck, SegmentKinds.PureAck, SegmentKinds.Fin,
        SegmentKinds.Rst, SegmentKinds.Data,
    ];

    private readonly List<PathRead> _paths = [];
    private readonly List<FaultSpec> _faults = [];
    private readonly List<FaultNames> _faultNames = [];

    private sealed record PathRead(PathSpec Spec, string Field, string? From, Spot FromAt, string? To, Spot ToAt);

    /// <summary>A name a fault refers to, where, and in which role ("drop.from", "black_hole", "partition").</summary>
    private sealed record FaultNames(string Field, IReadOnlyList<(string Name, Spot At)> Names, bool IsDrop);

    private void ReadPaths(Fields top)
    {
        var items = Items(top, "paths", "paths", out _);
        for (int i = 0; i < items.Count; i++)
        {
            const string Owner = "a path";
            var path = $"paths[{i}]";
            var f = new Fields(this, items[i], path, null, SpotOf(items[i]), Owner, PathKeys);
            if (f.Reported) continue;
            var from = TryReadRequired(f, "from", Kinds.Reference, Owner, out var fr) ? fr : null;
            var to = TryReadRequired(f, "to", Kinds.Reference, Owner, out var t) ? t : null;
            var latency = ReadLatency(f);
            var jitter = Read(f, "jitter", Kinds.Duration(true, Kinds.OneDay), TimeSpan.Zero);
            var loss = Read(f, "loss", Kinds.Percent, 0);
            var duplicate = Read(f, "duplicate", Kinds.Percent, 0);
            var reorder = Read(f, "reorder", Kinds.Percent, 0);
            var keepOrder = Read(f, "keep_order", Kinds.Boolean, true);
            var spec = new PathSpec(from ?? "", to ?? "", latency, jitter, loss, duplicate, reorder, keepOrder);
            _paths.Add(new PathRead(spec, path, from, f.ValueAt("from"), to, f.ValueAt("to")));
        }
    }

    // latency: fixed: D | uniform: { min, max } | normal: { min, mean, stddev } | exponential: { min, mean };
    // a bare duration is short for fixed. Every distribution needs a floor above 0 (the lookahead,
    // docs/virtual-time.md).
    private LatencySpec ReadLatency(Fields f)
    {
        var fallback = new LatencySpec.Fixed(TimeSpan.FromMilliseconds(1));
        var field = f.Field("latency");
        var node = f.Node("latency");
        if (node is null)
        {
            Problem(f.At, field, $"missing; a path needs 'latency', one of {Distributions}, each above 0ms");
            return fallback;
        }
        if (node is YamlScalarNode && !IsNull(node)) return FixedLatency(f, "latency", field) ?? fallback;
        var l = new Fields(this, node, field, null, f.KeyAt("latency"), "a latency", LatencyKeys);
        if (!l.Exists)
        {
            if (!l.Reported) Problem(l.At, field, "has no value; use " + Distributions);
            return fallback;
        }
        var kinds = l.Keys.ToList();
        if (kinds.Count != 1)
        {
            if (kinds.Count > 1)
                Problem(SpotOf(kinds[1]), field,
                    $"two distributions ({kinds[0].Value} and {kinds[1].Value}); "
                    + $"use exactly one of {string.Join(", ", LatencyKeys)}");
            else if (!l.HadUnknown)
                Problem(l.At, field, $"no distribution; use exactly one of {string.Join(", ", LatencyKeys)}");
            return fallback;
        }
        var kind = kinds[0].Value!;
        return kind == "fixed" ? FixedLatency(l, "fixed", field) ?? fallback : Distribution(l, kind, field) ?? fallback;
    }

    // uniform, normal or exponential: a min above 0, then the distribution's other parameters.
    private LatencySpec? Distribution(Fields l, string kind, string field)
    {
        var d = Sub(l, kind, $"a {kind} latency", kind switch
        {
            "uniform" => ["min", "max"],
            "normal" => ["min", "mean", "stddev"],
            _ => ["min", "mean"],
        });
        var min = Floor(d, kind, field, l.At);
        switch (kind)
        {
            case "uniform":
                {
                    TryReadRequired(d, "max", Kinds.Duration(true), "a uniform latency", out var max);
                    if (min is { } lo && d.InFile("max") && max < lo)
                        Problem(d.ValueAt("max"), d.Field("max"),
                            $"{Units.FormatDuration(max)} is below min ({Units.FormatDuration(lo)}); "
                            + "use a max of at least min");
                    return min is { } m ? new LatencySpec.Uniform(m, max) : null;
                }
            case "normal":
                {
                    TryReadRequired(d, "mean", Kinds.Duration(true), "a normal latency", out var mean);
                    TryReadRequired(d, "stddev", Kinds.Duration(true), "a normal latency", out var stddev);
                    if (min is { } lo && d.InFile("mean") && mean < lo)
                        Problem(d.ValueAt("mean"), d.Field("mean"),
                            $"{Units.FormatDuration(mean)} is below min ({Units.FormatDuration(lo)}); "
                            + "use a mean of at least min");
                    return min is { } m ? new LatencySpec.Normal(m, mean, stddev) : null;
                }
            default:
                {
                    TryReadRequired(d, "mean", Kinds.Duration(true), "an exponential latency", out var mean);
                    if (min is { } lo && d.InFile("mean") && mean <= lo)
                        Problem(d.ValueAt("mean"), d.Field("mean"),
                            $"{Units.FormatDuration(mean)} is not above min ({Units.FormatDuration(lo)}); "
                            + "use a mean above min");
                    return min is { } m ? new LatencySpec.Exponential(m, mean) : null;
                }
        }
    }

    private LatencySpec.Fixed? FixedLatency(Fields f, string key, string field)
    {
        if (!TryRead(f, key, Kinds.Duration(true), out var delay)) return null;
        if (delay > TimeSpan.Zero) return new LatencySpec.Fixed(delay);
        Problem(f.ValueAt(key), field,
            "a fixed 0ms can be 0ms; set it above 0 (the smallest latency is the lookahead)");
        return null;
    }

    // The distribution's min: absent or 0 is refused, located at the min or, when there is none, at the latency.
    private TimeSpan? Floor(Fields d, string kind, string field, Spot latencyAt)
    {
        var article = kind == "exponential" ? "an" : "a";
        if (d.Reported) return null;
        if (!d.InFile("min"))
        {
            Problem(latencyAt, field, $"{article} {kind} without a min can be 0ms; set a min above 0");
            return null;
        }
        if (!TryRead(d, "min", Kinds.Duration(true), out var min)) return null;
        if (min > TimeSpan.Zero) return min;
        Problem(d.ValueAt("min"), field, $"{article} {kind} with min 0ms can be 0ms; set a min above 0");
        return null;
    }

    private void ReadFaults(Fields top)
    {
        var items = Items(top, "faults", "faults", out _);
        for (int i = 0; i < items.Count; i++)
        {
            var path = $"faults[{i}]";
            var f = new Fields(this, items[i], path, null, SpotOf(items[i]), "a fault", FaultKeys);
            if (f.Reported) continue;
            var from = Read(f, "from", Kinds.Duration(true), TimeSpan.Zero);
            var until = Read(f, "until", Kinds.Duration(true), _duration);
            CheckWindow(f, "from", from, "until", until);
            var kinds = f.Keys.Where(k => k.Value is "drop" or "black_hole" or "partition").ToList();
            if (kinds.Count != 1)
            {
                if (kinds.Count > 1)
                    Problem(SpotOf(kinds[1]), path,
                        $"two faults in one item ({kinds[0].Value} and {kinds[1].Value}); give each its own item");
                else if (!f.HadUnknown)
                    Problem(f.At, path,
                        "no fault; use one of drop: { from, to, segments }, black_hole: NAME or partition: [A, B]");
                continue;
            }
            var kind = kinds[0].Value;
            if (kind == "drop") ReadDrop(f, path, from, until);
            else if (kind == "black_hole") ReadBlackHole(f, path, from, until);
            else ReadPartition(f, path, from, until);
        }
    }

    private void ReadDrop(Fields f, string path, TimeSpan from, TimeSpan until)
    {
        var d = Sub(f, "drop", "a drop", ["from", "to", "segments"]);
        var sender = TryReadRequired(d, "from", Kinds.Reference, "a drop", out var s) ? s : null;
        var receiver = TryReadRequired(d, "to", Kinds.Reference, "a drop", out var r) ? r : null;
        var segments = SegmentKinds.Any;
        var node = d.Node("segments");
        if (node is YamlSequenceNode list)
        {
            segments = SegmentKinds.None;
            foreach (var item in list.Children) segments |= SegmentKind(item, d.Field("segments"));
            if (list.Children.Count == 0)
                Problem(SpotOf(list), d.Field("segments"),
                    $"an empty list matches nothing; use {Kinds.Either(SegmentWords)}, or a list of them");
        }
        else if (node is not null && !IsNull(node))
        {
            segments = SegmentKind(node, d.Field("segments"));
        }
        _faults.Add(new FaultSpec.Drop(sender ?? "", receiver ?? "", segments, from, until));
        var names = new List<(string, Spot)>();
        if (sender is not null) names.Add((sender, d.ValueAt("from")));
        if (receiver is not null) names.Add((receiver, d.ValueAt("to")));
        _faultNames.Add(new FaultNames(path + ".drop", names, IsDrop: sender is not null && receiver is not null));
    }

    private SegmentKinds SegmentKind(YamlNode node, string field)
    {
        var kind = Kinds.OneOf(SegmentWords);
        if (node is not YamlScalarNode scalar || IsNull(node))
        {
            Problem(SpotOf(node), field, $"expected {kind.Expected}, found {Describe(node)}");
            return SegmentKinds.None;
        }
        if (kind.TryParse(scalar.Value ?? "", out var word, out var error))
            return SegmentValues[Array.IndexOf(SegmentWords, word)];
        Problem(SpotOf(node), field, error);
        return SegmentKinds.None;
    }

    private void ReadBlackHole(Fields f, string path, TimeSpan from, TimeSpan until)
    {
        if (!TryRead(f, "black_hole", Kinds.Reference, out var host)) return;
        _faults.Add(new FaultSpec.BlackHole(host, from, until));
        _faultNames.Add(new FaultNames(path + ".black_hole", [(host, f.ValueAt("black_hole"))], IsDrop: false));
    }

    private void ReadPartition(Fields f, string path, TimeSpan from, TimeSpan until)
    {
        var field = path + ".partition";
        var node = f.Node("partition")!;
        if (node is not YamlSequenceNode { Children.Count: 2 } pair
            || pair.Children.Any(c => c is not YamlScalarNode || IsNull(c)))
        {
            Problem(SpotOf(node), field,
                $"expected a list of two names such as [browsers, web], found {Describe(node)}");
            return;
        }
        var one = ((YamlScalarNode)pair.Children[0]).Value!.Trim();
        var other = ((YamlScalarNode)pair.Children[1]).Value!.Trim();
        if (one == other)
        {
            Problem(SpotOf(pair.Children[1]), field, $"'{other}' twice; a partition separates two different names");
            return;
        }
        _faults.Add(new FaultSpec.Partition(one, other, from, until));
        var names = new List<(string, Spot)> { (one, SpotOf(pair.Children[0])), (other, SpotOf(pair.Children[1])) };
        _faultNames.Add(new FaultNames(field, names, IsDrop: false));
    }

    private TraceSpec ReadTrace(Fields top)
    {
        var t = new Fields(this, top.Node("trace"), "trace", "trace", top.KeyAt("trace"), "a trace", ["sample", "max"]);
        var sample = Read(t, "sample", Kinds.Percent, TraceSpec.Default.SamplePpm);
        var max = Read(t, "max", Kinds.Int(0, 100_000), TraceSpec.Default.Max);
        return new TraceSpec(sample, max);
    }
}
