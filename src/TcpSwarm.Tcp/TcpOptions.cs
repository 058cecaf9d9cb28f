namespace TcpSwarm.Tcp;

/// <summary>Which TCP options a segment carries: only those that change behaviour are modelled.</summary>
[Flags]
public enum TcpOptions : byte
{
    None = 0,
    Mss = 0x01,
    WindowScale = 0x02,
    SackPermitted = 0x04,
    Timestamps = 0x08,
}
