namespace TcpSwarm.Simulation.Engine;

/// <summary>What one partition did in a leg, a call of the clock toward a target instant (a sampling instant or the
/// end): whether it got there, and its figures since the leg before.</summary>
/// <param name="Reached">Whether it handled everything due before the target; false: it stopped early (its driver's
/// budget ran out) and the clock calls again.</param>
/// <param name="Events">Events its hosts handled in the leg.</param>
/// <param name="Windows">Windows it ran in the leg (a window with no event here is not run).</param>
/// <param name="Waits">Times it waited for a peer's promise in the leg.</param>
/// <param name="SentArrivals">Per partition: arrivals sent to it, in total since the run started.</param>
/// <param name="ReceivedArrivals">Per partition: arrivals received from it, in total since the run started.</param>
/// <param name="Messages">Messages it sent to other partitions in the leg (arrivals, promises or both).</param>
/// <param name="Bytes">Bytes of those messages (0 in process).</param>
/// <param name="PeakMessages">The most messages it sent after any one window.</param>
/// <param name="PeakBytes">The most bytes it sent after any one window.</param>
public sealed record PartitionLeg(bool Reached, long Events, long Windows, long Waits, long[] SentArrivals,
    long[] ReceivedArrivals, long Messages, long Bytes, int PeakMessages, long PeakBytes)
{
    /// <summary>Wall seconds its driver spent running windows in the leg (0 without one: the engine reads no clock).
    /// </summary>
    public double RunSeconds { get; init; }

    /// <summary>Wall seconds its driver spent waiting for peers' promises in the leg.</summary>
    public double WaitSeconds { get; init; }
}
