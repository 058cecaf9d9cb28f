using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Results;
using TcpSwarm.Tcp;

namespace TcpSwarm.Silo.Metrics;

/// <summary>One silo's hosts added up per owner and per listener at a sampling instant, with the peaks so far.
/// </summary>
/// <remarks>
/// A silo sees only its own hosts, so every figure here is this silo's disjoint part of the run's: Prometheus sums
/// them across silos. Peaks are the largest value of this silo's sum at a sampling instant, as summary.json takes
/// them; a server's host lives on one silo, so its peaks are exact on any number of silos, a client group's only
/// when one silo holds all of its hosts.
/// </remarks>
internal sealed class SiloFigures
{
    public static readonly int StateCount = TimeSeriesTable.StateNames.Count;
    private static readonly int CounterCount = TcpExtCounters.Count;

    public SiloFigures(MetricTags tags)
    {
        Tags = tags;
        int owners = tags.Owner.Length, listeners = tags.Listener.Length;
        Present = new bool[owners];
        Hosts = new long[owners];
        States = new long[owners, StateCount];
        TimeWait = new long[owners];
        Ports = new long[owners];
        Attempts = new long[owners];
        Completed = new long[owners];
        Failures = new long[owners, MetricTags.Errnos.Length];
        Sent = new long[owners];
        SentByKind = new long[owners, SegmentKindTable.Count];
        Lost = new long[owners];
        Retransmitted = new long[owners];
        OwnerCounters = new long[owners, CounterCount];
        TimeWaitPeak = new long[owners];
        PortsPeak = new long[owners];
        ListenerPresent = new bool[listeners];
        SynQueue = new long[listeners];
        SynQueueLimit = new long[listeners];
        AcceptQueue = new long[listeners];
        AcceptQueueLimit = new long[listeners];
        Admitted = new long[listeners];
        Accepted = new long[listeners];
        ListenerCounters = new long[listeners, CounterCount];
        int servers = tags.Server.Length;
        ServerPresent = new bool[servers];
        SynQueuePeak = new long[servers];
        AcceptQueuePeak = new long[servers];
        _synNow = new long[servers];
        _acceptNow = new long[servers];
        ServerDrops = new long[servers, RunProgressBuilder.DropReasons.Length];
        AttackerSyns = new long[tags.Attacker.Length];
        AttackerLost = new long[tags.Attacker.Length];
    }

    public MetricTags Tags { get; }
    public bool[] Present { get; }
    public long[] Hosts { get; }
    public long[,] States { get; }
    public long[] TimeWait { get; }
    public long[] Ports { get; }
    public long[] Attempts { get; }
    public long[] Completed { get; }
    public long[,] Failures { get; }
    public long[] Sent { get; }
    public long[,] SentByKind { get; }
    public long[] Lost { get; }
    public long[] Retransmitted { get; }

    /// <summary>The host's own counters (its TIME_WAIT table's, its endpoints'), without its listeners'.</summary>
    public long[,] OwnerCounters { get; }

    public long[] TimeWaitPeak { get; }
    public long[] PortsPeak { get; }
    public bool[] ListenerPresent { get; }
    public long[] SynQueue { get; }
    public long[] SynQueueLimit { get; }
    public long[] AcceptQueue { get; }
    public long[] AcceptQueueLimit { get; }
    public long[] Admitted { get; }
    public long[] Accepted { get; }
    public long[,] ListenerCounters { get; }
    public bool[] ServerPresent { get; }
    public long[] SynQueuePeak { get; }
    public long[] AcceptQueuePeak { get; }
    /// <summary>Per server, its listeners' drops by reason (<see cref="ListenDrops"/>, each drop once).</summary>
    public long[,] ServerDrops { get; }

    /// <summary>This silo's hosts' events by (kind, where), instants in ns: summary.json's events, this silo's part.
    /// </summary>
    public SortedDictionary<(long Kind, long Where), (long FirstNs, long LastNs, long Count)> Events
    {
        get;
        private set;
    } = [];

    public long[] AttackerSyns { get; }
    public long[] AttackerLost { get; }

    private readonly long[] _synNow, _acceptNow;

    /// <summary>Replaces the figures with this sample's, and raises the peaks.</summary>
    public void Fill(RunSample sample)
    {
        Array.Clear(Present);
        Array.Clear(Hosts);
        Array.Clear(States);
        Array.Clear(TimeWait);
        Array.Clear(Ports);
        Array.Clear(Attempts);
        Array.Clear(Completed);
        Array.Clear(Failures);
        Array.Clear(Sent);
        Array.Clear(SentByKind);
        Array.Clear(Lost);
        Array.Clear(Retransmitted);
        Array.Clear(OwnerCounters);
        Array.Clear(_synNow);
        Array.Clear(_acceptNow);
        foreach (var host in sample.Hosts) Add(host);
        FillDrops();
        Events = RunFigures.MergeEvents(sample.Hosts);
        for (int o = 0; o < Present.Length; o++)
        {
            if (!Present[o]) continue;
            TimeWaitPeak[o] = Math.Max(TimeWaitPeak[o], TimeWait[o]);
            PortsPeak[o] = Math.Max(PortsPeak[o], Ports[o]);
        }
        for (int s = 0; s < ServerPresent.Length; s++)
        {
            SynQueuePeak[s] = Math.Max(SynQueuePeak[s], _synNow[s]);
            AcceptQueuePeak[s] = Math.Max(AcceptQueuePeak[s], _acceptNow[s]);
        }
        for (int a = 0; a < AttackerSyns.Length && a < sample.Attackers.Count; a++)
            (AttackerSyns[a], AttackerLost[a]) = sample.Attackers[a];
    }

    // ListenDrops' one definition over each server's listeners' counters, as summary.json takes it.
    private void FillDrops()
    {
        Array.Clear(ServerDrops);
        var counters = new long[ServerPresent.Length][];
        for (int l = 0; l < ListenerPresent.Length; l++)
        {
            if (!ListenerPresent[l]) continue;
            int s = Tags.ServerOf(l);
            counters[s] ??= new long[CounterCount];
            for (int c = 0; c < CounterCount; c++) counters[s][c] += ListenerCounters[l, c];
        }
        for (int s = 0; s < counters.Length; s++)
        {
            if (counters[s] is null) continue;
            var byReason = RunProgressBuilder.ByReason(ListenDrops.Of(counters[s]));
            for (int r = 0; r < byReason.Length; r++) ServerDrops[s, r] = byReason[r];
        }
    }

    private void Add(HostSample h)
    {
        int o = Tags.OwnerOf(h);
        Present[o] = true;
        Hosts[o]++;
        for (int s = 0; s < StateCount; s++) States[o, s] += h.States[s];
        States[o, (int)TcpState.SynReceived] += h.SynReceived;     // request entries count as SYN_RCVD (DESIGN §8)
        States[o, (int)TcpState.TimeWait] += h.TimeWait;           // and TIME_WAIT records as TIME_WAIT
        States[o, (int)TcpState.Listen] += h.Listeners.Count;     // one listening socket per server or shard
        TimeWait[o] += h.TimeWait;
        Ports[o] += h.PortsInUse;
        Attempts[o] += h.Attempts;
        var outcomes = h.Outcomes;
        Completed[o] += outcomes.Completed;
        Failures[o, 0] += outcomes.Refused;
        Failures[o, 1] += outcomes.Reset;
        Failures[o, 2] += outcomes.TimedOut;
        Failures[o, 3] += outcomes.PortExhausted;
        Sent[o] += h.SegmentsSent;
        for (int k = 0; k < h.SentByKind.Length; k++) SentByKind[o, k] += h.SentByKind[k];
        Lost[o] += h.SegmentsLost;
        Retransmitted[o] += h.Retransmissions;
        for (int c = 0; c < CounterCount; c++) OwnerCounters[o, c] += h.Counters[c];
        foreach (var l in h.Listeners)
        {
            int i = Tags.ListenerOf(l);
            ListenerPresent[i] = true;
            ServerPresent[l.Server] = true;
            SynQueue[i] = l.SynQueue;
            SynQueueLimit[i] = l.SynQueueLimit;
            AcceptQueue[i] = l.AcceptQueue;
            AcceptQueueLimit[i] = l.AcceptQueueLimit;
            Admitted[i] = l.Admitted;
            Accepted[i] = l.Accepted;
            _synNow[l.Server] += l.SynQueue;
            _acceptNow[l.Server] += l.AcceptQueue;
            for (int c = 0; c < CounterCount; c++)
            {
                ListenerCounters[i, c] = l.Counters[c];
                OwnerCounters[o, c] -= l.Counters[c];          // a host's Counters include its listeners'
            }
        }
    }
}
