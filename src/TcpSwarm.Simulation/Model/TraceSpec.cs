namespace TcpSwarm.Simulation.Model;

/// <summary>Which connections get a segment trace (ladder.txt, trace.pcap): a sampled share, up to a count.</summary>
/// <param name="SamplePpm">The probability a connection is traced, in parts per million (0.1% = 1,000); drawn per
/// connection from the seed, so the same connections are traced on every run.</param>
/// <param name="Max">At most this many connections are traced, 0 to 100,000; the first sampled are kept.</param>
public sealed record TraceSpec(int SamplePpm, int Max)
{
    /// <summary>sample: 0.1%, max: 50.</summary>
    public static TraceSpec Default { get; } = new(1_000, 50);
}
