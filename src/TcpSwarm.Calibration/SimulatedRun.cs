using TcpSwarm.Simulation.Engine;

namespace TcpSwarm.Calibration;

/// <summary>A finished simulator run: its hosts (for their traces) and its samples.</summary>
internal sealed record SimulatedRun(LocalCluster Cluster, IReadOnlyList<RunSample> Samples)
{
    public HostSample Host(RunSample sample, string address)
    {
        var host = Tcp.Ipv4.Parse(address);
        return sample.Hosts.Single(h => h.Host == host);
    }

    public HostSample Last(string address) => Host(Samples[^1], address);

    public RunSample At(TimeSpan time) => Samples.Single(s => s.VirtualTime == time);
}
