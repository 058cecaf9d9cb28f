using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>One traced segment as one host saw it: when, whether it left or arrived there, and the segment.</summary>
public readonly record struct TraceRecord(Instant At, uint Host, bool Sent, Segment Segment);
