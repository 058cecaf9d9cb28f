using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Tests;

/// <summary>RunProgress snapshots built by hand for the progress lines and the live view.</summary>
internal static class Snapshots
{
    public static RunProgress At(TimeSpan virtualTime) => new(
        virtualTime, TimeSpan.FromSeconds(20), Speed: 4.5, Windows: (long)virtualTime.TotalMilliseconds / 5,
        Events: (long)virtualTime.TotalMilliseconds * 100,
        StateCounts: [0, 1, 3, 1025, 240, 2, 1, 0, 0, 0, 950],
        Listeners: [new ListenerGauge("web", 0, 1025, 1025, 3, 129)],
        TimeWait: 950, PortsInUse: 1200,
        Drops: [new("TCPReqQFullDrop", 12), new("ListenOverflows", 3)],
        Outcomes: new Outcomes(800, 0, 2, 5, 0, 193), Attempts: 1000);
}
