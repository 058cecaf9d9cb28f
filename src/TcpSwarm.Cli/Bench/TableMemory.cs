using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Cli.Bench;

/// <summary>Bytes per entry of the model's compact tables, measured on the tables themselves: the managed heap after
/// a full GC with the table filled, less the heap with it empty, over the entries the table says it holds.</summary>
internal static class TableMemory
{
    private const uint Server = 0x0A01_0001;                     // 10.1.0.1
    private const uint FirstSource = 0xC612_0000;                // 198.18.0.0: the spoofed sources
    private const int PortsPerSource = 60_000;

    /// <summary>What a request entry or a TIME_WAIT record does not include: the one timer the engine queues for it
    /// (SYN-ACK retransmission, 2·MSL), a node of its host's timer queue.</summary>
    public static int QueuedTimerBytes => HostRuntime.QueuedHostTimerBytes;

    /// <summary>A listener with tcp_syncookies=0 and room for every request, fed N distinct SYNs nobody answers.
    /// </summary>
    public static TableFigure SynReceived(int entries)
    {
        var profile = TcpProfile.Default with
        {
            TcpSyncookies = 0,
            Somaxconn = int.MaxValue,
            TcpMaxSynBacklog = int.MaxValue,
        };
        var before = HeapReading.Take();
        var listener = new Listener(Server, 443, int.MaxValue - 1, profile, secret: 0x5EED);
        var at = Instant.FromSeconds(1);
        for (int i = 0; i < entries; i++)
        {
            var syn = new Segment(FirstSource + (uint)(i / PortsPerSource), (ushort)(1024 + i % PortsPerSource),
                Server, 443, new SeqNum((uint)i * 2_654_435_761u), default, TcpFlags.Syn, 64_240, 0, TcpOptions.Mss,
                1460);
            listener.Handle(in syn, at, peerProven: false, twIsn: null, tsOffset: 0);
        }
        var after = HeapReading.Take();
        int held = listener.SynQueueLength;
        GC.KeepAlive(listener);
        return new TableFigure("syn_rcvd", entries, held, after.ManagedBytes - before.ManagedBytes);
    }

    /// <summary>A host's TIME_WAIT table with N records, one per distinct 4-tuple, tcp_max_tw_buckets above N.
    /// </summary>
    public static TableFigure TimeWait(int entries)
    {
        var profile = TcpProfile.Default with { TcpMaxTwBuckets = int.MaxValue };
        var before = HeapReading.Take();
        var table = new TimeWaitTable(profile, new TcpExtCounters());
        var at = Instant.FromSeconds(1);
        for (int i = 0; i < entries; i++)
        {
            var tuple = new SocketPair(FirstSource + (uint)(i / PortsPerSource), (ushort)(1024 + i % PortsPerSource),
                Server, 80);
            var entry = new TimeWaitEntry(tuple, new SeqNum((uint)i), new SeqNum((uint)i * 7u), Timestamps: true,
                TsRecent: (uint)i, at, TsOffset: 0, at);
            table.TryEnter(in entry, out _);
        }
        var after = HeapReading.Take();
        int held = table.Count;
        GC.KeepAlive(table);
        return new TableFigure("time_wait", entries, held, after.ManagedBytes - before.ManagedBytes);
    }
}
