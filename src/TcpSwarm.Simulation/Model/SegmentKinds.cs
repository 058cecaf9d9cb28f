namespace TcpSwarm.Simulation.Model;

/// <summary>The kinds of segment a drop fault matches; a segment matches when any of its kinds is in the set.</summary>
[Flags]
public enum SegmentKinds : byte
{
    None = 0,
    /// <summary>SYN without ACK (connect()'s segment, a spoofed SYN).</summary>
    Syn = 1,
    /// <summary>SYN with ACK.</summary>
    SynAck = 2,
    /// <summary>ACK without SYN, FIN or RST and without data: the third ACK of a handshake, a delayed ACK.</summary>
    PureAck = 4,
    /// <summary>Any segment with FIN.</summary>
    Fin = 8,
    /// <summary>Any segment with RST.</summary>
    Rst = 16,
    /// <summary>Any segment carrying data.</summary>
    Data = 32,
    Any = Syn | SynAck | PureAck | Fin | Rst | Data,
}
