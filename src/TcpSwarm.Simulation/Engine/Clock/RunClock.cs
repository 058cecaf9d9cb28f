using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>The run's clock (docs/virtual-time.md): moves every partition from one sampling instant to the next, takes
/// the samples, and checks the exchange's books. On a cluster it lives in the run's <c>RunClockGrain</c>; without one,
/// in <see cref="LocalCluster"/>.</summary>
/// <remarks>
/// Virtual time is cut into windows on a fixed grid (<see cref="WindowGrid"/>): every multiple of the lookahead L,
/// every sampling instant, the end. Every segment takes at least L to arrive, so one sent in a window lands in a later
/// one, and a partition may run a window as soon as every peer that can send to it has promised to send nothing
/// earlier (<see cref="InboundHorizon"/>); a partition no path reaches runs on alone. The clock only asks each
/// partition to reach the next sampling instant: that is the one barrier. Windows depend on virtual time only, so
/// neither the number of partitions nor the order they run in changes a result. At each sample the clock checks the
/// books: what every partition received from every other one is exactly what that one sent.
/// </remarks>
public sealed partial class RunClock
{
    private readonly Scenario _scenario;
    private readonly IPartitions _partitions;
    private readonly WindowGrid _grid;
    private readonly long[][] _sent;
    private readonly long[] _waits;
    private readonly double[] _runSeconds, _waitSeconds;

    public RunClock(Scenario scenario, IPartitions partitions)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(partitions);
        _scenario = scenario;
        _partitions = partitions;
        _grid = new WindowGrid(scenario);
        _waits = new long[partitions.Count];
        _runSeconds = new double[partitions.Count];
        _waitSeconds = new double[partitions.Count];
        _sent = new long[partitions.Count][];
        for (int p = 0; p < _sent.Length; p++) _sent[p] = new long[partitions.Count];
    }

    /// <summary>Windows run so far, summed over partitions (each runs only the windows with events of its own).
    /// </summary>
    public long Windows { get; private set; }
    public long Events { get; private set; }
    public Instant Now { get; private set; }

    /// <summary>Messages between partitions so far: after a window, one to each peer with arrivals or a new promise for
    /// it.</summary>
    public long ExchangeMessages { get; private set; }

    /// <summary>Bytes of those messages.</summary>
    public long ExchangeBytes { get; private set; }

    /// <summary>The most messages and bytes one partition sent after any one window.</summary>
    public (int Messages, long Bytes) PeakExchange { get; private set; }

    /// <summary>Times a partition waited for a peer's promise, over all partitions.</summary>
    public long Waits { get; private set; }

    /// <summary>Times each partition waited for a peer's promise, in partition order.</summary>
    public IReadOnlyList<long> PartitionWaits => _waits;

    /// <summary>Wall seconds each partition's driver spent running windows, in partition order (0 in process).
    /// </summary>
    public IReadOnlyList<double> PartitionRunSeconds => _runSeconds;

    /// <summary>Wall seconds each partition's driver spent waiting for peers' promises, in partition order.</summary>
    public IReadOnlyList<double> PartitionWaitSeconds => _waitSeconds;

    // Calls every partition toward the target until all have reached it; true once they have.
    private async ValueTask<bool> RunLegs(Instant target)
    {
        var legs = await _partitions.RunToAsync(target);
        bool reached = true;
        for (int p = 0; p < legs.Count; p++)
        {
            var leg = legs[p];
            reached &= leg.Reached;
            Events += leg.Events;
            Windows += leg.Windows;
            Waits += leg.Waits;
            _waits[p] += leg.Waits;
            _runSeconds[p] += leg.RunSeconds;
            _waitSeconds[p] += leg.WaitSeconds;
            ExchangeMessages += leg.Messages;
            ExchangeBytes += leg.Bytes;
            PeakExchange = (Math.Max(leg.PeakMessages, PeakExchange.Messages),
                Math.Max(leg.PeakBytes, PeakExchange.Bytes));
            _sent[p] = leg.SentArrivals;
        }
        return reached;
    }

    // The books at a sample: what receiver p holds from each sender is what that sender sent it.
    private void CheckReceived(int receiver, long[] received)
    {
        for (int sender = 0; sender < _sent.Length; sender++)
            if (received[sender] != _sent[sender][receiver])
                throw new InvalidOperationException(
                    $"at {Now}: partition {receiver} holds {received[sender]} arrivals " +
                    $"from partition {sender}, which sent {_sent[sender][receiver]}");
    }
}
