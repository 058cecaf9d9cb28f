using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>What one partition did in a window: its events, when its next one is due, what it exchanged.</summary>
/// <param name="Events">Events this partition's hosts handled in the window.</param>
/// <param name="NextEventAt">The earliest event still due here or sent to another partition
/// (<see cref="Instant.Never"/>: none), so that the clock can skip to the earliest over all partitions.</param>
/// <param name="SentArrivals">Per partition: arrivals sent to it, in total since the run started.</param>
/// <param name="ReceivedArrivals">Per partition: arrivals received from it in total, counted when this window began,
/// so after every earlier window's exchange: the clock checks them against the senders' totals.</param>
/// <param name="Messages">Messages sent to other partitions in this window (one per destination with arrivals).</param>
/// <param name="Bytes">Bytes of those messages.</param>
public sealed record PartitionWindow(long Events, Instant NextEventAt, long[] SentArrivals, long[] ReceivedArrivals,
    int Messages, long Bytes);
