using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;
using YamlDotNet.RepresentationModel;

namespace TcpSwarm.Scenarios;

// servers: each a listener on address:port with its backlog, SO_REUSEPORT shards, accept model and response.
internal sealed partial class ScenarioReader
{
    private static readonly string[] ServerKeys =
        ["name", "address", "port", "backlog", "reuseport", "accept", "response"];

    /// <summary>listen(fd, SOMAXCONN) as .NET's and Go's servers call it; the kernel clamps it by somaxconn.</summary>
    public const int DefaultBacklog = 4096;

    private readonly List<ServerRead> _servers = [];
    private bool _serversWrongType;
    private int _serverItems;

    private sealed record ServerRead(ServerSpec Spec, string? Name, Spot NameAt, string Field, bool EndpointOk,
        Spot PortAt);

    private void ReadServers(Fields top, TcpProfile profile)
    {
        var items = Items(top, "servers", "servers", out _serversWrongType);
        _serverItems = items.Count;
        if (items.Count == 0 && !_serversWrongType)
            Problem(top.InFile("servers") ? top.ValueAt("servers") : top.At, "servers",
                "missing; a scenario needs at least one server: - { name: web, address: 10.0.1.10, port: 443 }");
        for (int i = 0; i < items.Count; i++) ReadServer(items[i], $"servers[{i}]", profile);
    }

    private void ReadServer(YamlNode node, string path, TcpProfile profile)
    {
        var f = new Fields(this, node, path, null, SpotOf(node), "a server", ServerKeys);
        if (f.Reported) return;
        var name = ReadName(f, "a server");
        f.Prefix = name is null ? null : "servers." + name;
        bool endpointOk = TryReadRequired(f, "address", Kinds.Address, "a server", out var address);
        endpointOk &= TryReadRequired(f, "port", Kinds.Int(1, 65535), "a server", out var port);
        var backlogGiven = TryRead(f, "backlog", Kinds.Int(0, int.MaxValue), out var backlog);
        if (!backlogGiven) backlog = DefaultBacklog;
        else if (backlog > profile.Somaxconn)
            Note(WhereIs(f, "backlog"), FieldOf(f, "backlog"),
                $"{Kinds.N(backlog)} is above net.core.somaxconn ({Kinds.N(profile.Somaxconn)}): "
                + $"listen() clamps it to {Kinds.N(profile.Somaxconn)}");
        var reusePort = Read(f, "reuseport", Kinds.Int(1, 64), 1);
        var accept = ReadAccept(f, reusePort);
        var response = new Fields(this, f.Node("response"), f.Field("response"), f.OverrideKey("response"),
            f.KeyAt("response"), "a response", ["bytes", "delay"]);
        var bytes = Read(response, "bytes", Kinds.Bytes(1L << 30), 0L);
        var delay = Read(response, "delay", Kinds.Duration(true, Kinds.OneDay), TimeSpan.Zero);
        var spec = new ServerSpec(name ?? "", address, (ushort)port, backlog, reusePort, accept, bytes, delay);
        _servers.Add(new ServerRead(spec, name, f.ValueAt("name"), path, endpointOk, f.ValueAt("port")));
    }

    // accept: immediate | never | { rate: R }; --set may give the word (servers.web.accept) or the rate (.accept.rate).
    private AcceptSpec ReadAccept(Fields f, int reusePort)
    {
        const string Expected = "immediate, never, { rate: 4000/s } or { workers: 8, service: 2ms }";
        var word = f.Override("accept");
        if (word is null && f.OverrideKey("accept") is { } key && Overrides.Take(key + ".rate") is { } rate)
            return AcceptRate(rate);
        if (word is null)
        {
            var node = f.Node("accept");
            if (node is null || IsNull(node)) return new AcceptSpec.Immediate();
            if (node is YamlMappingNode)
            {
                var m = new Fields(this, node, f.Field("accept"), f.OverrideKey("accept"), f.KeyAt("accept"),
                    "an accept model", ["rate", "workers", "service"]);
                if (m.InFile("workers") || m.InFile("service")) return ReadAcceptWorkers(m, reusePort);
                return TryReadRequired(m, "rate", Kinds.Rate(false), "accept", out var perSecond)
                    ? new AcceptSpec.Rate(perSecond)
                    : new AcceptSpec.Immediate();
            }
            if (node is not YamlScalarNode scalar)
            {
                Problem(SpotOf(node), f.Field("accept"), $"expected {Expected}, found {Describe(node)}");
                return new AcceptSpec.Immediate();
            }
            word = new ScalarValue(scalar.Value ?? "", SpotOf(scalar), f.Field("accept"));
        }
        switch (word.Text.Trim())
        {
            case "immediate": return new AcceptSpec.Immediate();
            case "never": return new AcceptSpec.Never();
        }
        if (word.Text.Contains('/', StringComparison.Ordinal))   // accept: 4000/s is short for { rate: 4000/s }
            return AcceptRate(word);
        var near = NearMiss.Find(word.Text.Trim(), ["immediate", "never"]);
        Problem(word.At, word.Field, near is null
            ? $"'{word.Text.Trim()}' is not allowed; use {Expected}"
            : $"'{word.Text.Trim()}' is not allowed; did you mean '{near}'? (use {Expected})");
        return new AcceptSpec.Immediate();

        AcceptSpec AcceptRate(ScalarValue value)
        {
            if (Kinds.Rate(false).TryParse(value.Text, out var perSecond, out var error))
                return new AcceptSpec.Rate(perSecond);
            Problem(value.At, value.Field, error);
            return new AcceptSpec.Immediate();
        }
    }
}
