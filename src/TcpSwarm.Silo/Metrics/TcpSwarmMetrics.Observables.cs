using System.Diagnostics.Metrics;
using TcpSwarm.Simulation.Engine;
using Tag = System.Collections.Generic.KeyValuePair<string, object?>;

namespace TcpSwarm.Silo.Metrics;

public sealed partial class TcpSwarmMetrics
{
    private static readonly Tag[] NoTags = [];

    // Gauges and cumulative counters read the latest sample when a reader collects; names follow STYLE.md (e).
    private void CreateObservables(Meter meter)
    {
        meter.CreateObservableUpDownCounter("tcpswarm.connection.usage", States, "{connection}",
            "Sockets by RFC 9293 state on both sides; request entries count as syn_received, TIME_WAIT records as "
            + "time_wait.");
        meter.CreateObservableUpDownCounter("tcpswarm.listener.syn_queue.usage", () => PerListener(f => f.SynQueue),
            "{request}", "Request entries in a listener's SYN queue.");
        meter.CreateObservableUpDownCounter("tcpswarm.listener.syn_queue.limit",
            () => PerListener(f => f.SynQueueLimit), "{request}", "The SYN queue's limit (backlog, clamped).");
        meter.CreateObservableUpDownCounter("tcpswarm.listener.accept_queue.usage",
            () => PerListener(f => f.AcceptQueue), "{connection}", "Connections waiting for accept().");
        meter.CreateObservableUpDownCounter("tcpswarm.listener.accept_queue.limit",
            () => PerListener(f => f.AcceptQueueLimit), "{connection}",
            "The accept queue's limit: min(backlog, somaxconn) + 1, Linux's '>' test.");
        meter.CreateObservableGauge("tcpswarm.listener.syn_queue.peak", () => PerServer(f => f.SynQueuePeak),
            "{request}", "The largest SYN-queue length of a server (its shards added up) at a sampling instant.");
        meter.CreateObservableGauge("tcpswarm.listener.accept_queue.peak", () => PerServer(f => f.AcceptQueuePeak),
            "{connection}", "The largest accept-queue length of a server (its shards added up) at a sampling instant.");
        meter.CreateObservableCounter("tcpswarm.listener.admitted", () => PerListener(f => f.Admitted),
            "{connection}", "Connections a listener admitted to its accept queue (final ACK or valid cookie).");
        meter.CreateObservableCounter("tcpswarm.listener.accepted", () => PerListener(f => f.Accepted),
            "{connection}", "Connections the application took with accept().");
        meter.CreateObservableUpDownCounter("tcpswarm.time_wait.usage", () => PerOwner(f => f.TimeWait, false),
            "{socket}", "TIME_WAIT records on the hosts of a client group or a server.");
        meter.CreateObservableUpDownCounter("tcpswarm.time_wait.limit", () => PerOwner(TimeWaitLimit, false),
            "{socket}", "tcp_max_tw_buckets times the hosts: no more TIME_WAIT records fit.");
        meter.CreateObservableGauge("tcpswarm.time_wait.peak", () => PerOwner(f => f.TimeWaitPeak, false),
            "{socket}", "The largest TIME_WAIT count at a sampling instant.");
        meter.CreateObservableGauge("tcpswarm.time_wait.length", TimeWaitLength, "s",
            "How long a socket stays in TIME_WAIT (TCP_TIMEWAIT_LEN, 60 s in Linux).");
        meter.CreateObservableUpDownCounter("tcpswarm.port.usage", () => PerOwner(f => f.Ports, true), "{port}",
            "Ephemeral ports a client group holds toward its target (sockets and TIME_WAIT).");
        meter.CreateObservableUpDownCounter("tcpswarm.port.limit", () => PerOwner(PortLimit, true), "{port}",
            "ip_local_port_range's ports per destination times the group's addresses.");
        meter.CreateObservableGauge("tcpswarm.port.peak", () => PerOwner(f => f.PortsPeak, true), "{port}",
            "The most ports in use at a sampling instant.");
        meter.CreateObservableCounter("tcpswarm.connection.attempts", () => PerOwner(f => f.Attempts, true),
            "{connection}", "connect() calls of a client group.");
        meter.CreateObservableCounter("tcpswarm.connection.completed", () => PerOwner(f => f.Completed, true),
            "{connection}", "Connections that ran to the close the scenario asked for.");
        meter.CreateObservableCounter("tcpswarm.connection.failures", Failures, "{connection}",
            "Connections that failed, by connect()'s errno: ECONNREFUSED, ECONNRESET, ETIMEDOUT, EADDRNOTAVAIL.");
        meter.CreateObservableCounter("tcpswarm.segments.sent", SegmentsByKind, "{segment}",
            "Segments the hosts sent, lost ones included, by kind (tcpswarm.segment.kind: syn, syn_ack, ack, data, "
            + "fin, rst; each segment one kind, RST first, then SYN, FIN, data) and direction.");
        meter.CreateObservableCounter("tcpswarm.segments.lost", () => Segments(f => f.Lost), "{segment}",
            "Segments the network lost (path loss and faults).");
        meter.CreateObservableCounter("tcpswarm.segments.retransmitted", () => Segments(f => f.Retransmitted),
            "{segment}", "Segments sent again after a timeout.");
        meter.CreateObservableCounter("tcpswarm.tcpext", Counters, "{event}",
            "Linux's TcpExt and Tcp counters as nstat names them (tcpswarm.counter.name); as in Linux one event may "
            + "count under two names (every listener drop is also ListenDrops).");
        meter.CreateObservableCounter("tcpswarm.listen.drops", ListenDrops, "{segment}",
            "Segments a server's listeners dropped, by tcpswarm.drop.reason (syn_queue_full, syn_queue_unproven_peer, "
            + "accept_queue_full), each drop once: they add up to ListenDrops. Cookies sent are answers, not drops.");
        CreateEvents(meter);
        meter.CreateObservableCounter("tcpswarm.attacker.syns", () => PerAttacker(f => f.AttackerSyns), "{segment}",
            "Spoofed SYNs an attacker sent (not connection attempts).");
        meter.CreateObservableCounter("tcpswarm.attacker.lost", () => PerAttacker(f => f.AttackerLost), "{segment}",
            "Spoofed SYNs the network lost.");
        CreateSimulation(meter);
    }

    // summary.json's events: only once one has happened, each at its server or client group.
    private void CreateEvents(Meter meter)
    {
        meter.CreateObservableGauge("tcpswarm.event.first_seen", () => Events(e => e.FirstNs / 1e9), "s",
            "The virtual instant an event (tcpswarm.event) first happened at a server or client group; on several "
            + "silos the earliest is min().");
        meter.CreateObservableGauge("tcpswarm.event.last_seen", () => Events(e => e.LastNs / 1e9), "s",
            "The virtual instant an event last happened so far; on several silos the latest is max().");
        meter.CreateObservableCounter("tcpswarm.event.occurrences", () => Events(e => e.Count), "{event}",
            "How many times an event happened at a server or client group.");
    }

    private void CreateSimulation(Meter meter)
    {
        meter.CreateObservableCounter("tcpswarm.simulation.virtual_time", () => Run(() => _virtualSeconds), "s",
            "Virtual time simulated so far; the same on every silo. Rates per virtual second divide by its increase.");
        meter.CreateObservableCounter("tcpswarm.simulation.windows", () => Run(() => _windows), "{window}",
            "Windows of virtual time run so far; the same on every silo.");
        meter.CreateObservableCounter("tcpswarm.simulation.events", () => Run(() => _events), "{event}",
            "Events this silo handled (segment arrivals, timers, user calls).");
        meter.CreateObservableGauge("tcpswarm.simulation.speed", () => Run(() => _speed), "s/s",
            "Virtual seconds per wall second over the last sampling interval.");
        meter.CreateObservableGauge("tcpswarm.simulation.lag", () => Run(() => _lagSeconds), "s",
            "Wall time behind the pace --speed asks for, at the last sample; 0 at speed max.");
        meter.CreateObservableCounter("tcpswarm.cluster.messages", () => Exchange(e => e.Messages), "{message}",
            "Messages this silo sent to another silo (tcpswarm.silo.peer); 0 without one.");
        meter.CreateObservableCounter("tcpswarm.cluster.bytes", () => Exchange(e => e.Bytes), "By",
            "Bytes of the messages this silo sent to another silo; 0 without one.");
    }

    private static long TimeWaitLimit(SiloFigures f, int o) => f.Hosts[o] * f.Tags.TimeWaitLimitPerHost[o];

    private static long PortLimit(SiloFigures f, int o) => f.Hosts[o] * f.Tags.PortLimitPerHost[o];

    private List<Measurement<long>> States()
    {
        var list = new List<Measurement<long>>();
        lock (_gate)
        {
            if (_figures is not { } f) return list;
            for (int o = 0; o < f.Present.Length; o++)
                if (f.Present[o])
                    for (int s = 0; s < SiloFigures.StateCount; s++)
                        list.Add(new(f.States[o, s], f.Tags.OwnerState[o][s]));
        }
        return list;
    }

    private List<Measurement<long>> PerOwner(Func<SiloFigures, long[]> values, bool clientsOnly) =>
        PerOwner((f, o) => values(f)[o], clientsOnly);

    private List<Measurement<long>> PerOwner(Func<SiloFigures, int, long> value, bool clientsOnly)
    {
        var list = new List<Measurement<long>>();
        lock (_gate)
        {
            if (_figures is not { } f) return list;
            int owners = clientsOnly ? f.Tags.ClientCount : f.Present.Length;
            for (int o = 0; o < owners; o++)
                if (f.Present[o]) list.Add(new(value(f, o), f.Tags.Owner[o]));
        }
        return list;
    }

    private List<Measurement<long>> SegmentsByKind()
    {
        var list = new List<Measurement<long>>();
        lock (_gate)
        {
            if (_figures is not { } f) return list;
            for (int o = 0; o < f.Present.Length; o++)
                if (f.Present[o])
                    for (int k = 0; k < SegmentKindTable.Count; k++)
                        list.Add(new(f.SentByKind[o, k], f.Tags.OwnerSegmentKinds[o][k]));
        }
        return list;
    }

    private List<Measurement<long>> Segments(Func<SiloFigures, long[]> values)
    {
        var list = new List<Measurement<long>>();
        lock (_gate)
        {
            if (_figures is not { } f) return list;
            for (int o = 0; o < f.Present.Length; o++)
                if (f.Present[o]) list.Add(new(values(f)[o], f.Tags.OwnerSegments[o]));
        }
        return list;
    }

    private List<Measurement<long>> Failures()
    {
        var list = new List<Measurement<long>>();
        lock (_gate)
        {
            if (_figures is not { } f) return list;
            for (int o = 0; o < f.Tags.ClientCount; o++)
                if (f.Present[o])
                    for (int e = 0; e < MetricTags.Errnos.Length; e++)
                        list.Add(new(f.Failures[o, e], f.Tags.OwnerError[o][e]));
        }
        return list;
    }

    private List<Measurement<long>> Counters()
    {
        var list = new List<Measurement<long>>();
        lock (_gate)
        {
            if (_figures is not { } f) return list;
            int reasons = f.OwnerCounters.GetLength(1);
            for (int o = 0; o < f.Present.Length; o++)
                if (f.Present[o])
                    for (int r = 0; r < reasons; r++) list.Add(new(f.OwnerCounters[o, r], f.Tags.OwnerCounter[o][r]));
            for (int l = 0; l < f.ListenerPresent.Length; l++)
                if (f.ListenerPresent[l])
                    for (int r = 0; r < reasons; r++)
                        list.Add(new(f.ListenerCounters[l, r], f.Tags.ListenerCounter[l][r]));
        }
        return list;
    }

    private List<Measurement<long>> ListenDrops()
    {
        var list = new List<Measurement<long>>();
        lock (_gate)
        {
            if (_figures is not { } f) return list;
            int reasons = f.ServerDrops.GetLength(1);
            for (int s = 0; s < f.ServerPresent.Length; s++)
                if (f.ServerPresent[s])
                    for (int r = 0; r < reasons; r++) list.Add(new(f.ServerDrops[s, r], f.Tags.ServerDrop[s][r]));
        }
        return list;
    }

    private List<Measurement<T>> Events<T>(Func<(long FirstNs, long LastNs, long Count), T> value) where T : struct
    {
        var list = new List<Measurement<T>>();
        lock (_gate)
        {
            if (_figures is not { } f) return list;
            foreach (var ((kind, where), e) in f.Events) list.Add(new(value(e), f.Tags.EventAt(kind, where)));
        }
        return list;
    }

    private List<Measurement<long>> PerListener(Func<SiloFigures, long[]> values)
    {
        var list = new List<Measurement<long>>();
        lock (_gate)
        {
            if (_figures is not { } f) return list;
            var v = values(f);
            for (int l = 0; l < v.Length; l++)
                if (f.ListenerPresent[l]) list.Add(new(v[l], f.Tags.Listener[l]));
        }
        return list;
    }

    private List<Measurement<long>> PerServer(Func<SiloFigures, long[]> values)
    {
        var list = new List<Measurement<long>>();
        lock (_gate)
        {
            if (_figures is not { } f) return list;
            var v = values(f);
            for (int s = 0; s < v.Length; s++)
                if (f.ServerPresent[s]) list.Add(new(v[s], f.Tags.Server[s]));
        }
        return list;
    }

    private List<Measurement<long>> PerAttacker(Func<SiloFigures, long[]> values)
    {
        var list = new List<Measurement<long>>();
        lock (_gate)
        {
            if (_figures is not { } f) return list;
            var v = values(f);
            for (int a = 0; a < v.Length; a++) list.Add(new(v[a], f.Tags.Attacker[a]));
        }
        return list;
    }

    private List<Measurement<T>> Run<T>(Func<T> value) where T : struct
    {
        lock (_gate) return _figures is null ? [] : [new(value(), NoTags)];
    }

    private List<Measurement<double>> TimeWaitLength() => Run(() => _timeWaitSeconds);

    private List<Measurement<long>> Exchange(Func<(long Messages, long Bytes, Tag[] Tags), long> value)
    {
        var list = new List<Measurement<long>>();
        lock (_gate)
        {
            foreach (var e in _exchange.Values) list.Add(new(value(e), e.Tags));
            if (list.Count == 0) list.Add(new(0, NoTags));     // always a series, so the cluster view has data
        }
        return list;
    }
}
