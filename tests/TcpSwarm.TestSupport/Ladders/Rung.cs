using System.Globalization;
using TcpSwarm.Tcp;

namespace TcpSwarm.TestSupport.Ladders;

/// <summary>One line of a ladder diagram: when a segment arrived (or was lost), which way, and both sides' states
/// after.</summary>
/// <remarks>The segment is kept as its text (<see cref="SegmentText.Describe"/>) so a failing test prints readable
/// ladders.</remarks>
public readonly record struct Rung(long AtMs, Dir Dir, string Segment, bool Lost, TcpState Client, TcpState Server)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{AtMs,8} ms  {(Dir == Dir.C2S ? "C --> S" : "C <-- S")}  {(Lost ? "LOST " : "")}{Segment,-36}  "
        + $"{Client,-12} {Server}");
}
