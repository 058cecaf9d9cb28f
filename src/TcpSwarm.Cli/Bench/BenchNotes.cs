namespace TcpSwarm.Cli.Bench;

/// <summary>The bench table's notes: what each workload is, how its figure was counted, the memory readings.</summary>
internal static class BenchNotes
{
    public static void Write(BenchFigures f, TextWriter o)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(o);
        var r = f.Results;
        o.WriteLine("workloads (scenarios at speed max on the embedded silo, run as `tcpswarm run` runs them):");
        foreach (var name in BenchDocuments.WorkloadOrder)
            if (r.Workloads.TryGetValue(name, out var w)) o.WriteLine("  " + w.Workload.What);
        if (r.Ramp is { } ramp) o.WriteLine("  " + ramp.Workload.What);
        o.WriteLine("  lifecycles/s = the churn's completed attempts (summary.json's outcomes.completed) / wall s");
        if (r.Workloads.TryGetValue("flood", out var flood))
        {
            var c = FloodCount.Of(flood.Runs[^1]);
            o.WriteLine("  segments/s = (SYNs in + SYN-ACKs out) / wall s, from the server's books at the last sample: "
                        + $"SYNs in = SyncookiesSent ({c.SynsIn:N0}), SYN-ACKs out = segments sent "
                        + $"({c.SynAcksOut:N0}); "
                        + (c.Consistent
                            ? $"both equal the run's events ({c.Events:N0}), as they must"
                            : $"the books disagree (events {c.Events:N0}): the figure is suspect"));
        }
        if (r.Ramp is { } held)
        {
            var (idle, full) = (held.Idle, held.Held);
            o.WriteLine($"  ramp memory at {Numbers.Fixed(held.ReadAtSeconds, 1)} s virtual, after a full GC: "
                        + $"{held.ClientEstablished:N0} connections (client ESTABLISHED; server ESTABLISHED "
                        + $"{held.ServerEstablished:N0}); managed heap {Numbers.Bytes(idle.ManagedBytes)} idle -> "
                        + $"{Numbers.Bytes(full.ManagedBytes)}, working set {Numbers.Bytes(idle.WorkingSetBytes)} -> "
                        + $"{Numbers.Bytes(full.WorkingSetBytes)}: {Numbers.Rate(held.HeapBytesPerConnection)} B "
                        + $"managed and {Numbers.Rate(held.WorkingSetBytesPerConnection)} B working set per "
                        + "connection, both sides' sockets counted (client and server Tcb, endpoint grains, "
                        + "host tables)");
            o.WriteLine($"  ramp peak working set at any sample while it opened and held them: "
                        + $"{Numbers.Bytes(held.PeakWorkingSetBytes)} "
                        + $"(idle silo {Numbers.Bytes(idle.WorkingSetBytes)})");
            if (held.StoppedBecause is { } why) o.WriteLine("  ramp " + why);
        }
        foreach (var table in new[] { "syn_rcvd", "time_wait" })
        {
            var fills = r.Tables.Where(t => t.Table == table).ToList();
            if (fills.Count == 0) continue;
            o.WriteLine($"  {table}: {string.Join(", ", fills.Select(t => $"{t.Held:N0}"))} of {fills[0].Entries:N0} "
                        + $"entries held; {string.Join(", ", fills.Select(t => Numbers.Fixed(t.BytesPerEntry, 1)))} B "
                        + $"each (managed heap after a full GC); the engine also queues one timer per entry "
                        + $"({TableMemory.QueuedTimerBytes} B in its host's timer queue, plus that queue's spare "
                        + "room), not counted here");
        }
        foreach (var failure in r.Failures) o.WriteLine("FAILED " + failure);
    }
}
