using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Tests;

/// <summary>RunSummary and RunReport values built by hand for the writer's and the exit codes' tests; no engine ran
/// them.</summary>
internal static class Summaries
{
    public static RunSummary Example() => new(
        "syn-flood", 42, "linux-6.18", 60, 18_000,
        new Outcomes(Completed: 16_900, Refused: 0, Reset: 12, TimedOut: 300, PortExhausted: 0, Open: 788),
        [
            new ServerSummary("web", 17_700, 17_690, 1025, 1025, 14, 1025, 0,
            [
                new("ListenOverflows", 0), new("SyncookiesRecv", 16_000), new("SyncookiesSent", 280_000),
                new("TCPReqQFullDoCookies", 279_000),
            ])
            {
                SynQueueEffectiveLimit = 1025, Drops = new ListenDrops(0, 0, 0), CookiesSent = 280_000,
                Handshake = Handshake, Lifetime = Lifetime,
            },
        ],
        [
            new ClientSummary("browsers", "web", 18_000,
                new Outcomes(16_900, 0, 12, 300, 0, 788), 17_950, 18_020,
                [new("TCPSynRetrans", 1_200), new("TCPTimeouts", 0)])
            {
                Handshake = Handshake, Lifetime = Lifetime,
            },
        ],
        [new AttackerSummary("flood", "web", 300_000, 3_000)])
    {
        Handshake = Handshake,
        Lifetime = Lifetime,
        Events =
        [
            new RunEvent("syn_queue_overflow", "web", 0.25, 59.5, 279_000, null),
            new RunEvent("syncookies_sent", "web", 0.25, 59.5, 280_000,
                "TCP: request_sock_TCP: Possible SYN flooding on port 10.0.1.10:443. Sending cookies."),
        ],
    };

    // 17,212 of 18,000 completed; 0.5% over 1 s (a lost SYN), none over 3 s; 788 open at the end never completed.
    private static readonly HandshakeFigures Handshake = new(17_212, 41.3, 63.1, 1040, 1062.5, 0.005, 0, 0.043778);

    private static readonly LifetimeFigures Lifetime = new(16_912, 82.1, 120, 1090, 1130.25);

    public static RunReport Report(RunStatus status, RunSummary? summary = null) => new(
        summary ?? Example(), status, TimeSpan.FromSeconds(12.5), 12_000, 2_500_000,
        status == RunStatus.ClusterFailed ? 3 : 1,
        status == RunStatus.ClusterFailed
            ? "silo 2 was lost at 31.2s of virtual time\n(membership: no heartbeat)"
            : null)
    {
        Cluster = status == RunStatus.ClusterFailed
            ? new ClusterReport(["127.0.0.1:11111@1", "127.0.0.1:11112@1", "127.0.0.1:11113@1"], 24_000, 9_600_000,
                6, 48_000, "127.0.0.1:11113@1", 31.25)
            {
                WaitsForPeers = 1_500, RunSeconds = [4.25, 3.5, 3.125], WaitSeconds = [0.5, 1.25, 1.0],
                BarrierSeconds = 0.25,
            }
            : new ClusterReport(["127.0.0.1:11111@1"], 0, 0, 0, 0, null, null),
    };
}
