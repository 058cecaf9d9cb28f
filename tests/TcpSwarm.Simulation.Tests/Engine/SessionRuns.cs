using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Tests.Paths;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Tests.Engine;

/// <summary>Small runs of one server ("web", 10.0.1.10:80) and one client group ("clients", 10.0.0.0 on), 1 ms each
/// way, sampled every second: the application behaviours of accept workers and closing.</summary>
internal static class SessionRuns
{
    public static readonly uint ServerAddress = Ipv4.Parse("10.0.1.10");

    public static Scenario Make(ArrivalSpec arrivals, SessionSpec session, TimeSpan duration, TimeSpan? stop = null,
        AcceptSpec? accept = null, int backlog = 1024, int addresses = 1, TcpProfile? profile = null) =>
        TestScenario.Make(
            [TestScenario.Server("web", "10.0.1.10", 80) with { Accept = accept ?? new AcceptSpec.Immediate(),
                Backlog = backlog }],
            [TestScenario.Group("clients", "10.0.0.0", addresses, "web", arrivals, stop: stop ?? duration)
                with { Session = session }],
            [TestScenario.Path("clients", "web", TestScenario.Fixed(1))])
        with
        { Duration = duration, Profile = profile ?? TcpProfile.Default };

    public static async Task<IReadOnlyList<RunSample>> Run(Scenario scenario) =>
        await new LocalCluster(scenario).Clock.RunAsync(null, TestContext.Current.CancellationToken);

    public static HostSample Server(RunSample sample) => sample.Hosts.Single(h => h.Host == ServerAddress);

    public static IEnumerable<HostSample> Clients(RunSample sample) => sample.Hosts.Where(h => h.ClientGroup == 0);

    public static long State(IEnumerable<HostSample> hosts, TcpState state) => hosts.Sum(h => h.States[(int)state]);

    public static long Counter(HostSample host, TcpExt counter) => host.Counters[(int)counter];
}
