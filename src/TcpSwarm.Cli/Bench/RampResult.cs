namespace TcpSwarm.Cli.Bench;

/// <summary>The ramp's one run and its memory: the idle silo before it, the silo holding the connections.</summary>
/// <param name="ClientEstablished">ESTABLISHED sockets on the client hosts at the reading: the connections.</param>
/// <param name="ServerEstablished">ESTABLISHED sockets on the server at the reading (each connection has one).</param>
internal sealed record RampResult(BenchWorkload Workload, WorkloadMeasurement Run, HeapReading Idle, HeapReading Held,
    double ReadAtSeconds, long ClientEstablished, long ServerEstablished, string? StoppedBecause,
    long PeakWorkingSetBytes)
{
    /// <summary>Managed heap per connection, both sides' sockets (client and server Tcb, grains, tables) counted.
    /// </summary>
    public double HeapBytesPerConnection => ClientEstablished > 0
        ? (double)(Held.ManagedBytes - Idle.ManagedBytes) / ClientEstablished
        : double.NaN;

    public double WorkingSetBytesPerConnection => ClientEstablished > 0
        ? (double)(Held.WorkingSetBytes - Idle.WorkingSetBytes) / ClientEstablished
        : double.NaN;
}
