using System.Runtime.CompilerServices;

namespace TcpSwarm.Tcp;

/// <summary>Room for the initial window of ten segments, a FIN and one more reply in a single step.</summary>
[InlineArray(12)]
public struct SegmentsToSend
{
    private Segment _element;
}
