using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Tests.Paths;

/// <summary>Scenarios built in code for the network and load tests: the records the loader would produce.</summary>
internal static class TestScenario
{
    public static readonly SessionSpec OneRequest = new(200, TimeSpan.Zero, 1, Closer.Client, CloseKind.Fin);

    public static ServerSpec Server(string name, string address, ushort port) =>
        new(name, Ipv4.Parse(address), port, 1024, 1, new AcceptSpec.Immediate(), 0, TimeSpan.Zero);

    public static ClientGroupSpec Group(string name, string first, int count, string target,
        ArrivalSpec? arrivals = null, TimeSpan? start = null, TimeSpan? stop = null) =>
        new(name, new AddressRange(Ipv4.Parse(first), count), target, arrivals ?? new ArrivalSpec.Poisson(100),
            OneRequest, start ?? TimeSpan.Zero, stop ?? TimeSpan.FromSeconds(600));

    public static AttackerSpec Attacker(string name, string first, int count, string target, double synRate,
        TimeSpan? start = null, TimeSpan? stop = null) =>
        new(name, target, new AddressRange(Ipv4.Parse(first), count), synRate, start ?? TimeSpan.Zero,
            stop ?? TimeSpan.FromSeconds(600));

    public static PathSpec Path(string from, string to, LatencySpec latency, TimeSpan jitter = default,
        int lossPpm = 0, int duplicatePpm = 0, int reorderPpm = 0) =>
        new(from, to, latency, jitter, lossPpm, duplicatePpm, reorderPpm);

    public static LatencySpec Fixed(double ms) => new LatencySpec.Fixed(TimeSpan.FromMilliseconds(ms));

    public static Scenario Make(IReadOnlyList<ServerSpec> servers, IReadOnlyList<ClientGroupSpec> clients,
        IReadOnlyList<PathSpec> paths, IReadOnlyList<AttackerSpec>? attackers = null,
        IReadOnlyList<FaultSpec>? faults = null, ulong seed = 42) =>
        new("test", "", seed, TimeSpan.FromSeconds(600), TcpProfile.Default, [], false, TimeSpan.FromSeconds(1),
            Pacing.Max, servers, clients, attackers ?? [], paths, faults ?? [], TraceSpec.Default);

    /// <summary>A proxy: one client address (10.0.0.1) connecting to "web" (10.0.1.10:80) until
    /// <paramref name="duration"/>, which also ends the run; the client closes first, so TIME_WAIT is the proxy's;
    /// 1 ms each way, sampled every 5 s.</summary>
    public static Scenario Proxy(ArrivalSpec arrivals, TimeSpan duration, TcpProfile? profile = null) =>
        Make([Server("web", "10.0.1.10", 80)], [Group("proxy", "10.0.0.1", 1, "web", arrivals, stop: duration)],
            [Path("proxy", "web", Fixed(1))])
        with
        { Duration = duration, SampleInterval = TimeSpan.FromSeconds(5), Profile = profile ?? TcpProfile.Default };

    /// <summary>One group "browsers" (10.0.0.0/24) and one server "web" (10.0.1.10:443) joined by one path.</summary>
    public static Scenario OnePath(PathSpec path) =>
        Make([Server("web", "10.0.1.10", 443)], [Group("browsers", "10.0.0.0", 256, "web")], [path]);
}
