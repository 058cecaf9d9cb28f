using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Results;

/// <summary>Adds up each sample's hosts into a time-series row, as RunSummaryBuilder adds up the last one.</summary>
public static class TimeSeriesBuilder
{
    private static readonly int StateCount = Enum.GetValues<TcpState>().Length;

    public static IReadOnlyList<TimeSeriesRow> Build(Scenario scenario, IReadOnlyList<RunSample> samples)
    {
        var rows = new List<TimeSeriesRow>(samples.Count);
        foreach (var sample in samples) rows.Add(Row(scenario, sample));
        return rows;
    }

    public static TimeSeriesRow Row(Scenario scenario, RunSample sample)
    {
        var states = new long[StateCount];
        var counters = new long[TcpExtCounters.Count];
        var outcomes = Outcomes.None;
        long attempts = 0, sent = 0, lost = 0, retransmissions = 0;
        var clients = new (long Attempts, long Completed, long TimeWait, long Ports)[scenario.Clients.Count];
        foreach (var h in sample.Hosts)
        {
            for (int i = 0; i < states.Length; i++) states[i] += h.States[i];
            states[(int)TcpState.SynReceived] += h.SynReceived;     // request entries count as SYN_RCVD (DESIGN §8)
            states[(int)TcpState.Listen] += h.Listeners.Count;       // one listening socket per server or shard
            states[(int)TcpState.TimeWait] += h.TimeWait;           // and TIME_WAIT records as TIME_WAIT
            for (int i = 0; i < counters.Length; i++) counters[i] += h.Counters[i];
            outcomes += h.Outcomes;
            attempts += h.Attempts;
            sent += h.SegmentsSent;
            lost += h.SegmentsLost;
            retransmissions += h.Retransmissions;
            if (h.ClientGroup < 0) continue;
            ref var c = ref clients[h.ClientGroup];
            c = (c.Attempts + h.Attempts, c.Completed + h.Outcomes.Completed, c.TimeWait + h.TimeWait,
                c.Ports + h.PortsInUse);
        }

        var servers = new List<TimeSeriesRow.Server>(scenario.Servers.Count);
        for (int s = 0; s < scenario.Servers.Count; s++) servers.Add(Server(sample, scenario.Servers[s].Address, s));
        var attackers = new List<TimeSeriesRow.Attacker>(sample.Attackers.Count);
        foreach (var (spoofed, attackerLost) in sample.Attackers) attackers.Add(new(spoofed, attackerLost));
        var groups = Array.ConvertAll(clients,
            c => new TimeSeriesRow.Client(c.Attempts, c.Completed, c.TimeWait, c.Ports));
        return new TimeSeriesRow(sample.VirtualTime.TotalSeconds, states, servers, groups, attackers, attempts,
            outcomes, sent, lost, retransmissions, counters)
        {
            Handshake = Sum(sample, h => h.HandshakeBuckets),
            SynReceivedTime = Sum(sample, h => h.SynReceivedBuckets),
            Lifetime = Sum(sample, h => h.LifetimeBuckets),
        };
    }

    private static long[] Sum(RunSample sample, Func<HostSample, long[]> buckets)
    {
        var total = new long[DurationHistogram.Bounds.Length + 1];
        foreach (var h in sample.Hosts)
        {
            var b = buckets(h);
            for (int i = 0; i < b.Length; i++) total[i] += b[i];
        }
        return total;
    }

    // A server's listening sockets: one, or one per SO_REUSEPORT shard; queues and limits add up across them.
    private static TimeSeriesRow.Server Server(RunSample sample, uint address, int server)
    {
        long syn = 0, synLimit = 0, accept = 0, acceptLimit = 0, timeWait = 0;
        foreach (var h in sample.Hosts)
        {
            if (h.Host != address) continue;
            timeWait = h.TimeWait;
            foreach (var l in h.Listeners)
            {
                if (l.Server != server) continue;
                syn += l.SynQueue;
                synLimit += l.SynQueueLimit;
                accept += l.AcceptQueue;
                acceptLimit += l.AcceptQueueLimit;
            }
        }
        return new TimeSeriesRow.Server(syn, synLimit, accept, acceptLimit, timeWait);
    }
}
