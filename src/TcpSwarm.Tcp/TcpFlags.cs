namespace TcpSwarm.Tcp;

/// <summary>The control bits of a TCP header, as on the wire. Test them bit by bit, never with ==.</summary>
[Flags]
public enum TcpFlags : byte
{
    None = 0,
    Fin = 0x01,
    Syn = 0x02,
    Rst = 0x04,
    Psh = 0x08,
    Ack = 0x10,
}
