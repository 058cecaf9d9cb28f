using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>The run's clock, conservative windowed synchronisation (docs/virtual-time.md): advances virtual time in
/// windows no longer than the lookahead, over every partition at once, and takes the samples. On a cluster it lives in
/// the run's <c>RunClockGrain</c>; without one, in <see cref="LocalCluster"/>.</summary>
/// <remarks>
/// Every segment takes at least the lookahead L to arrive, so a segment sent in a window lands in a later one and
/// every host can run its window's events in order without waiting for anyone. A window starts at the earliest event
/// of any partition and also ends at each sampling instant, so samples never fall inside one; empty stretches are
/// skipped. Window boundaries depend on virtual time only, so the number of partitions changes no result. After each
/// window the clock checks the barrier's books: what every partition received from every other one is exactly what
/// that one sent.
/// </remarks>
public sealed partial class RunClock
{
    private readonly Scenario _scenario;
    private readonly IPartitions _partitions;
    private readonly Instant _end;
    private readonly TimeSpan _lookahead;
    private readonly long[][] _sent;
    private Instant _next = Instant.Never;

    public RunClock(Scenario scenario, IPartitions partitions)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(partitions);
        _scenario = scenario;
        _partitions = partitions;
        _end = Instant.FromSeconds(scenario.Duration.TotalSeconds);
        _lookahead = scenario.Lookahead;
        _sent = new long[partitions.Count][];
        for (int p = 0; p < _sent.Length; p++) _sent[p] = new long[partitions.Count];
    }

    public long Windows { get; private set; }
    public long Events { get; private set; }
    public Instant Now { get; private set; }

    /// <summary>Messages between partitions so far: one per (sender, receiver) pair in a window with
    /// arrivals.</summary>
    public long ExchangeMessages { get; private set; }

    /// <summary>Bytes of those messages.</summary>
    public long ExchangeBytes { get; private set; }

    /// <summary>The most messages and bytes between partitions in any one window.</summary>
    public (int Messages, long Bytes) PeakExchange { get; private set; }

    private async ValueTask RunWindow(Instant windowEnd)
    {
        Windows++;
        var results = await _partitions.RunWindowAsync(windowEnd);
        var next = Instant.Never;
        int messages = 0;
        long bytes = 0;
        for (int p = 0; p < results.Count; p++)
        {
            var r = results[p];
            CheckReceived(p, r.ReceivedArrivals);
            Events += r.Events;
            next = Instant.Min(next, r.NextEventAt);
            messages += r.Messages;
            bytes += r.Bytes;
        }
        for (int p = 0; p < results.Count; p++) _sent[p] = results[p].SentArrivals;
        ExchangeMessages += messages;
        ExchangeBytes += bytes;
        if (messages > PeakExchange.Messages || bytes > PeakExchange.Bytes)
            PeakExchange = (Math.Max(messages, PeakExchange.Messages), Math.Max(bytes, PeakExchange.Bytes));
        _next = next;
    }

    // The barrier's books: receiver p's totals, taken after every earlier window's exchange, match the senders'.
    private void CheckReceived(int receiver, long[] received)
    {
        for (int sender = 0; sender < _sent.Length; sender++)
            if (received[sender] != _sent[sender][receiver])
                throw new InvalidOperationException(
                    $"window {Windows}: partition {receiver} holds {received[sender]} arrivals " +
                    $"from partition {sender}, which sent {_sent[sender][receiver]}");
    }
}
