using System.Runtime.InteropServices;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Paths;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>One partition's hosts and endpoints as plain objects in this process, for the engine without Orleans.
/// </summary>
public sealed class LocalHosts : IHostInvoker, IEndpointInvoker
{
    private readonly Dictionary<uint, HostRuntime> _hosts = [];
    private readonly Dictionary<(uint Host, int Slot), EndpointRuntime> _endpoints = [];
    private readonly TcpProfile _profile;

    public LocalHosts(Scenario scenario, Network network, IReadOnlyList<uint> hosts)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(hosts);
        _profile = scenario.Profile;
        foreach (var address in hosts) _hosts.Add(address, new HostRuntime(address, scenario, network));
    }

    /// <summary>Endpoint runtimes ever created: what would be grain activations.</summary>
    public int EndpointsCreated => _endpoints.Count;

    public bool Holds(uint address) => _hosts.ContainsKey(address);

    public HostRuntime Host(uint address) => _hosts[address];

    public async ValueTask RunWindowAsync(IReadOnlyList<HostBatch> batches, Instant windowEnd)
    {
        ArgumentNullException.ThrowIfNull(batches);
        for (int i = 0; i < batches.Count; i++)
        {
            var b = batches[i];
            await _hosts[b.Host].RunWindowAsync(b.Events, windowEnd, this, b.Output);
        }
    }

    public ValueTask<IReadOnlyList<HostSample>> SampleAsync(IReadOnlyList<uint> hosts, Instant now) =>
        ValueTask.FromResult<IReadOnlyList<HostSample>>([.. hosts.Select(h => _hosts[h].Sample())]);

    public ValueTask ForgetAsync(IReadOnlyList<uint> hosts) => ValueTask.CompletedTask;

    public ValueTask<IReadOnlyList<TraceRecord>> TraceAsync(IReadOnlyList<uint> hosts) =>
        ValueTask.FromResult<IReadOnlyList<TraceRecord>>([.. hosts.SelectMany(h => _hosts[h].Trace)]);

    public ValueTask RunAsync(uint host, IReadOnlyList<EndpointWork> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        for (int i = 0; i < work.Count; i++)
        {
            var w = work[i];
            if (!_endpoints.TryGetValue((host, w.Slot), out var endpoint))
                _endpoints.Add((host, w.Slot), endpoint = new EndpointRuntime(_profile));
            endpoint.Run(CollectionsMarshal.AsSpan(w.Inputs), in w.Start, w.Output);
        }
        return ValueTask.CompletedTask;
    }
}
