using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Results;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>Turns a sample into what the live view shows: sockets by state, queues against limits, drops by reason
/// (each drop once; cookies apart).</summary>
public static class RunProgressBuilder
{
    private static readonly string[] CounterNames = Enum.GetNames<TcpExt>();

    /// <summary>The reasons of <see cref="ListenDrops"/> as the live view, progress lines and summary name them.
    /// </summary>
    public static readonly string[] DropReasons = ["syn_queue_full", "syn_queue_unproven_peer", "accept_queue_full"];

    /// <summary>Drops by reason, each once, in <see cref="DropReasons"/>' order.</summary>
    public static long[] ByReason(ListenDrops drops) => [drops.SynQueueFull, drops.SynQueueUnprovenPeer,
        drops.AcceptQueueFull];

    public static RunProgress From(Scenario scenario, RunSample sample, double speed)
    {
        var states = new long[11];
        long timeWait = 0, ports = 0, attempts = 0;
        var outcomes = Outcomes.None;
        var counters = new long[CounterNames.Length];
        var listeners = new List<ListenerGauge>();
        foreach (var h in sample.Hosts)
        {
            for (int i = 0; i < states.Length; i++) states[i] += h.States[i];
            states[(int)TcpState.SynReceived] += h.SynReceived;
            states[(int)TcpState.TimeWait] += h.TimeWait;
            timeWait += h.TimeWait;
            ports += h.PortsInUse;
            attempts += h.Attempts;
            outcomes += h.Outcomes;
            for (int i = 0; i < counters.Length; i++) counters[i] += h.Counters[i];
            states[(int)TcpState.Listen] += h.Listeners.Count;             // one listening socket per shard
            foreach (var l in h.Listeners)
                listeners.Add(new ListenerGauge(scenario.Servers[l.Server].Name, l.Shard, l.SynQueue, l.SynQueueLimit,
                    l.AcceptQueue, l.AcceptQueueLimit)
                {
                    SynQueueEffectiveLimit =
                        RunSummaryBuilder.EffectiveSynQueueLimit(scenario.Profile, l.SynQueueLimit),
                });
        }
        var byReason = ByReason(ListenDrops.Of(counters));
        var drops = new List<KeyValuePair<string, long>>();
        for (int i = 0; i < byReason.Length; i++)
            if (byReason[i] != 0) drops.Add(new(DropReasons[i], byReason[i]));
        return new RunProgress(sample.VirtualTime, scenario.Duration, speed, sample.Windows, sample.Events, states,
            listeners, timeWait, ports, drops, outcomes, attempts)
        {
            CookiesSent = counters[(int)TcpExt.SyncookiesSent],
        };
    }
}
