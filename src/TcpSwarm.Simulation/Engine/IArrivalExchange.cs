using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>How a partition hands the segments bound for another partition's hosts over, once per window.</summary>
public interface IArrivalExchange
{
    /// <summary>Delivers the arrivals partition <paramref name="from"/> sent in the window ending at
    /// <paramref name="window"/> to partition <paramref name="to"/>; completes once the receiver holds them. Returns
    /// the bytes that crossed (0 in process). The list is the sender's: read it before the first await.</summary>
    ValueTask<long> SendAsync(int from, int to, Instant window, IReadOnlyList<Arrival> arrivals);
}
