using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;
using NetworkModel = TcpSwarm.Simulation.Network.Network;

namespace TcpSwarm.Simulation.Engine;

/// <summary>Hosts and endpoints as plain objects in this process: the engine without Orleans, for its own tests.</summary>
/// <remarks>
/// The grains run exactly these runtimes; a test compares this cluster's summary with the grains' byte for byte, so
/// the grain layer is shown to add nothing and lose nothing.
/// </remarks>
public sealed class LocalCluster : IHostInvoker, IEndpointInvoker
{
    private readonly Dictionary<uint, HostRuntime> _hosts = [];
    private readonly Dictionary<(uint Host, int Slot), EndpointRuntime> _endpoints = [];
    private readonly TcpProfile _profile;

    public LocalCluster(Scenario scenario)
    {
        _profile = scenario.Profile;
        Network = new NetworkModel(scenario);
        foreach (var address in WindowScheduler.HostAddresses(scenario))
            _hosts.Add(address, new HostRuntime(address, scenario, Network));
        Scheduler = new WindowScheduler(scenario, this, Network);
    }

    public NetworkModel Network { get; }
    public WindowScheduler Scheduler { get; }
    public HostRuntime Host(uint address) => _hosts[address];

    /// <summary>Endpoint runtimes ever created: what would be grain activations.</summary>
    public int EndpointsCreated => _endpoints.Count;

    public async ValueTask RunWindowAsync(IReadOnlyList<HostBatch> batches, Instant windowEnd)
    {
        foreach (var b in batches) await _hosts[b.Host].RunWindowAsync(b.Events, windowEnd, this, b.Output);
    }

    public ValueTask<IReadOnlyList<HostSample>> SampleAsync(IReadOnlyList<uint> hosts) =>
        ValueTask.FromResult<IReadOnlyList<HostSample>>([.. hosts.Select(h => _hosts[h].Sample())]);

    public ValueTask<IReadOnlyList<TraceRecord>> TraceAsync(IReadOnlyList<uint> hosts) =>
        ValueTask.FromResult<IReadOnlyList<TraceRecord>>([.. hosts.SelectMany(h => _hosts[h].Trace)]);

    public ValueTask RunAsync(uint host, IReadOnlyList<EndpointWork> work)
    {
        foreach (var w in work)
        {
            if (!_endpoints.TryGetValue((host, w.Slot), out var endpoint))
                _endpoints.Add((host, w.Slot), endpoint = new EndpointRuntime(_profile));
            endpoint.Run(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(w.Inputs), w.Output);
        }
        return ValueTask.CompletedTask;
    }
}
