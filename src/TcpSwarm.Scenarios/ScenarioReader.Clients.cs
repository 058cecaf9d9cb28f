using TcpSwarm.Simulation.Model;
using YamlDotNet.RepresentationModel;

namespace TcpSwarm.Scenarios;

// clients (groups of hosts with an arrival process and a session shape) and attackers (spoofed-SYN sources).
internal sealed partial class ScenarioReader
{
    private static readonly string[] ClientKeys =
        ["name", "addresses", "target", "arrivals", "session", "start", "stop"];
    private static readonly string[] ArrivalKeys = ["constant", "poisson", "ramp", "stages", "bursts", "closed_loop"];
    private static readonly string[] SessionKeys =
        ["request", "think", "requests", "closes", "close", "close_after", "passive_close_after"];
    private static readonly string[] AttackerKeys = ["name", "target", "spoofed_from", "syn_rate", "start", "stop"];
    private const string ArrivalsHelp = "constant: R, poisson: R, ramp: { from: R, to: R, over: D }, "
                                        + "stages: [ { to: R, over: D }, { hold: D }, ... ], "
                                        + "bursts: { size: N, every: D } or closed_loop: { concurrent: N }";

    /// <summary>A client group's hosts: one per address, 65,536 at most (a /16).</summary>
    public const int MaxClientAddresses = 65_536;

    /// <summary>Spoofed sources cost nothing but their SYN_RCVD entries: up to a /8.</summary>
    public const int MaxSpoofedAddresses = 1 << 24;

    private readonly List<SourceRead<ClientGroupSpec>> _clients = [];
    private readonly List<SourceRead<AttackerSpec>> _attackers = [];
    private bool _clientsWrongType, _attackersWrongType;
    private int _clientItems, _attackerItems;

    /// <summary>A client group or attacker as read, with what the cross-checks need.</summary>
    private sealed record SourceRead<T>(T Spec, string? Name, Spot NameAt, string Field, string? Target, Spot TargetAt,
        string TargetField, Spot ArrivalsAt);

    private void ReadClients(Fields top)
    {
        var items = Items(top, "clients", "client groups", out _clientsWrongType);
        _clientItems = items.Count;
        for (int i = 0; i < items.Count; i++) ReadClient(items[i], $"clients[{i}]");
    }

    private void ReadClient(YamlNode node, string path)
    {
        const string Owner = "a client group";
        var f = new Fields(this, node, path, null, SpotOf(node), Owner, ClientKeys);
        if (f.Reported) return;
        var name = ReadName(f, Owner);
        f.Prefix = name is null ? null : "clients." + name;
        var addresses = ReadClientAddresses(f, Owner);
        var target = TryReadRequired(f, "target", Kinds.Reference, Owner, out var t) ? t : null;
        var arrivals = ReadArrivals(f);
        var session = ReadSession(f);
        var (start, stop) = ReadActiveWindow(f);
        var spec = new ClientGroupSpec(name ?? "", addresses, target ?? "", arrivals, session, start, stop);
        _clients.Add(new(spec, name, f.ValueAt("name"), path, target, WhereIs(f, "target"), FieldOf(f, "target"),
            f.ValueAt("arrivals")));
    }

    private (TimeSpan Start, TimeSpan Stop) ReadActiveWindow(Fields f)
    {
        var start = Read(f, "start", Kinds.Duration(true), TimeSpan.Zero);
        var stop = Read(f, "stop", Kinds.Duration(true), _duration);
        CheckWindow(f, "start", start, "stop", stop);
        return (start, stop);
    }

    private ArrivalSpec ReadArrivals(Fields f)
    {
        var fallback = new ArrivalSpec.Constant(1);
        var node = f.Node("arrivals");
        if (node is null)
        {
            if (!f.Reported) Problem(f.At, f.Field("arrivals"),
                $"missing; a client group needs 'arrivals', one of {ArrivalsHelp}");
            return fallback;
        }
        var a = new Fields(this, node, f.Field("arrivals"), f.OverrideKey("arrivals"), f.KeyAt("arrivals"),
            "an arrival process", ArrivalKeys);
        if (!a.Exists)
        {
            if (!a.Reported) Problem(a.At, a.Path, $"has no value; use one of {ArrivalsHelp}");
            return fallback;
        }
        var kinds = a.Keys.ToList();
        if (kinds.Count == 0)
        {
            if (!a.HadUnknown) Problem(a.At, a.Path, $"no arrival process; use exactly one of {ArrivalsHelp}");
            return fallback;
        }
        if (kinds.Count > 1)
        {
            Problem(SpotOf(kinds[1]), a.Path,
                $"two arrival processes ({kinds[0].Value} and {kinds[1].Value}); "
                + $"use exactly one of {string.Join(", ", ArrivalKeys)}");
            return fallback;
        }
        return ArrivalProcess(a, kinds[0].Value!);
    }

    private ArrivalSpec ArrivalProcess(Fields a, string kind)
    {
        switch (kind)
        {
            case "constant":
                return new ArrivalSpec.Constant(Read(a, kind, Kinds.Rate(false), 1));
            case "poisson":
                return new ArrivalSpec.Poisson(Read(a, kind, Kinds.Rate(false), 1));
            case "ramp":
                {
                    var r = Sub(a, kind, "a ramp", ["from", "to", "over"]);
                    TryReadRequired(r, "from", Kinds.Rate(true), "a ramp", out var from);
                    TryReadRequired(r, "to", Kinds.Rate(true), "a ramp", out var to);
                    TryReadRequired(r, "over", Kinds.Duration(false, Kinds.OneDay), "a ramp", out var over);
                    if (r.Exists && from == 0 && to == 0 && r.InFile("from") && r.InFile("to"))
                        Problem(WhereIs(r,
                            "to"), FieldOf(r, "to"), "a ramp from 0/s to 0/s opens nothing; set from or to above 0/s");
                    return new ArrivalSpec.Ramp(from, to, over);
                }
            case "stages":
                return ReadStages(a);
            case "bursts":
                {
                    var b = Sub(a, kind, "bursts", ["size", "every"]);
                    TryReadRequired(b, "size", Kinds.Int(1, 10_000_000), "bursts", out var size);
                    TryReadRequired(b, "every", Kinds.Duration(false, Kinds.OneDay), "bursts", out var every);
                    return new ArrivalSpec.Bursts(size, every);
                }
            default:
                {
                    var c = Sub(a, kind, "a closed loop", ["concurrent"]);
                    TryReadRequired(c, "concurrent", Kinds.Int(1, 100_000_000), "a closed loop", out var concurrent);
                    return new ArrivalSpec.ClosedLoop(concurrent);
                }
        }
    }

    // A nested mapping that must be present: a YAML null or a scalar is reported like a missing mapping.
    private Fields Sub(Fields parent, string key, string what, string[] keys)
    {
        var node = parent.Node(key);
        var sub = new Fields(this, node, parent.Field(key), parent.OverrideKey(key), parent.KeyAt(key), what, keys);
        if (node is not null && IsNull(node))
        {
            Problem(SpotOf(node), parent.Field(key), $"has no value; use {{ {string.Join(": ..., ", keys)}: ... }}");
            sub.Reported = true;
        }
        return sub;
    }

    private SessionSpec ReadSession(Fields f)
    {
        var s = new Fields(this, f.Node("session"), f.Field("session"), f.OverrideKey("session"), f.KeyAt("session"),
            "a session", SessionKeys);
        var request = Read(s, "request", Kinds.Bytes(1L << 30), 200L);
        var think = Read(s, "think", Kinds.Duration(true, Kinds.OneDay), TimeSpan.Zero);
        var requests = Read(s, "requests", Kinds.Int(0, 1_000_000), 1);
        var closes = Read(s, "closes", Kinds.OneOf("client", "server"), "client");
        var close = Read(s, "close", Kinds.OneOf("fin", "rst"), "fin");
        var closeAfter = ReadDelay(s, "close_after", true, DelaySpec.Zero);
        var passiveCloseAfter = ReadDelay(s, "passive_close_after", true, DelaySpec.Zero);
        if (requests > 0 && request == 0)
            Problem(WhereIs(s, "request"), FieldOf(s, "request"),
                "0B is not allowed while requests is above 0; a request carries at least 1B (or set requests: 0)");
        return new SessionSpec(request, think, requests, closes == "server" ? Closer.Server : Closer.Client,
            close == "rst" ? CloseKind.Rst : CloseKind.Fin, closeAfter.IsZero ? null : closeAfter,
            passiveCloseAfter.IsZero ? null : passiveCloseAfter);
    }

    private void ReadAttackers(Fields top)
    {
        var items = Items(top, "attackers", "attackers", out _attackersWrongType);
        _attackerItems = items.Count;
        for (int i = 0; i < items.Count; i++)
        {
            const string Owner = "an attacker";
            var path = $"attackers[{i}]";
            var f = new Fields(this, items[i], path, null, SpotOf(items[i]), Owner, AttackerKeys);
            if (f.Reported) continue;
            var name = ReadName(f, Owner);
            f.Prefix = name is null ? null : "attackers." + name;
            var target = TryReadRequired(f, "target", Kinds.Reference, Owner, out var t) ? t : null;
            TryReadRequired(f, "spoofed_from", Kinds.Addresses(MaxSpoofedAddresses), Owner, out var spoofed);
            TryReadRequired(f, "syn_rate", Kinds.Rate(false), Owner, out var synRate);
            var (start, stop) = ReadActiveWindow(f);
            var spec = new AttackerSpec(name ?? "", target ?? "", spoofed, synRate, start, stop);
            _attackers.Add(new(spec, name, f.ValueAt("name"), path, target, WhereIs(f, "target"), FieldOf(f, "target"),
                f.ValueAt("syn_rate")));
        }
    }
}
