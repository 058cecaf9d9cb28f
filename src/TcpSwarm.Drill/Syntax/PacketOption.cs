namespace TcpSwarm.Drill.Syntax;

/// <summary>One TCP option of a packet line: <c>mss 1460</c>, <c>sackOK</c>, <c>TS val 100 ecr 0</c>, <c>nop</c>,
/// <c>wscale 7</c>, <c>eol</c>; anything else (sack blocks, Fast Open, MD5, MPTCP) is kept by name as unsupported.
/// </summary>
public sealed record PacketOption(string Kind, long Value = 0, long Ecr = 0)
{
    public override string ToString() => Kind switch
    {
        "mss" or "wscale" => $"{Kind} {Value}",
        "TS" => $"TS val {Value} ecr {Ecr}",
        _ => Kind,
    };
}
