using TcpSwarm.Tcp;

namespace TcpSwarm.Drill.Run;

// A segment the local stack sent, and when.
internal readonly record struct Sent(Instant At, Segment Segment);
