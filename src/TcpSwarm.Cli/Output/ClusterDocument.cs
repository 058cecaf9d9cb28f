using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Output;

/// <summary>run.json's cluster: the silos a run was spread over, what crossed between them, and the silo it lost.
/// </summary>
/// <param name="Silos">Each partition's silo, in partition order (one: the embedded silo).</param>
/// <param name="IdleSilos">The silos whose partition held no host: more silos than the scenario has units to spread
/// (a server with its clients and attackers), none worth splitting (docs/placement.md); empty when none.</param>
/// <param name="MessagesBetweenSilos">After a window, one from its silo to each peer silo with segments or a new
/// promise for it (docs/virtual-time.md).</param>
/// <param name="BytesBetweenSilos">Those messages' payload: 4 bytes and 65 per segment (ArrivalCodec).</param>
/// <param name="MessagesPerWindow">Messages per window run (windows summed over silos).</param>
/// <param name="BytesPerWindow">Bytes per window run.</param>
/// <param name="PeakMessagesInAWindow">The most messages one silo sent after one window.</param>
/// <param name="PeakBytesInAWindow">The most bytes one silo sent after one window.</param>
/// <param name="WaitsForPeers">Times a silo's partition waited for a peer's promise before its next window; 0 when
/// no path crosses between silos.</param>
/// <param name="SecondsRunningWindows">Per silo, in partition order: wall seconds its partition spent running windows
/// (its hosts, collecting, sending).</param>
/// <param name="SecondsWaitingForPeers">Per silo: wall seconds its partition spent waiting for a peer's promise.
/// </param>
/// <param name="SecondsAtBarriers">Wall seconds the clock's barriers added: per leg (to a sampling instant, or a
/// second of wall time), its wall time minus the longest any silo's partition spent in it.</param>
/// <param name="LostSilo">The silo that left the cluster mid-run; null when none did.</param>
/// <param name="VirtualSecondsReached">The last sampling instant every silo reached when a silo was lost; null
/// otherwise.</param>
/// <param name="ResultsAsOfSeconds">The sampling instant summary.json and the time series end at.</param>
internal sealed record ClusterDocument(IReadOnlyList<string> Silos, IReadOnlyList<string> IdleSilos,
    long MessagesBetweenSilos, long BytesBetweenSilos,
    double MessagesPerWindow, double BytesPerWindow, int PeakMessagesInAWindow, long PeakBytesInAWindow,
    long WaitsForPeers, IReadOnlyList<double> SecondsRunningWindows, IReadOnlyList<double> SecondsWaitingForPeers,
    double SecondsAtBarriers, string? LostSilo, double? VirtualSecondsReached, double ResultsAsOfSeconds)
{
    public static ClusterDocument Of(RunReport report)
    {
        var c = report.Cluster;
        double windows = Math.Max(1, report.Windows);
        return new ClusterDocument(c.Silos, c.IdleSilos, c.Messages, c.Bytes, c.Messages / windows, c.Bytes / windows,
            c.PeakWindowMessages, c.PeakWindowBytes, c.WaitsForPeers, [.. c.RunSeconds.Select(Round)],
            [.. c.WaitSeconds.Select(Round)], Round(c.BarrierSeconds), c.LostSilo, c.ReachedSeconds,
            report.Summary.VirtualSeconds);
    }

    private static double Round(double seconds) => Math.Round(seconds, 3);
}
