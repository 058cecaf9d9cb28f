using System.Runtime.CompilerServices;

namespace TcpSwarm.Tcp;

/// <summary>A listener step sends at most a reply and one more segment.</summary>
[InlineArray(2)]
public struct ListenerSends
{
    private Segment _element;
}
