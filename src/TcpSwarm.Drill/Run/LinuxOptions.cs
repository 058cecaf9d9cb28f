using TcpSwarm.Drill.Syntax;
using TcpSwarm.Tcp;

namespace TcpSwarm.Drill.Run;

// The option bytes Linux writes for what a segment carries (tcp_options_write's order): MSS; then SACK-permitted and
// timestamps together, or NOP NOP before either alone; then NOP and the window scale. The model keeps which options a
// segment has, not their layout, so the layout is Linux's by construction.
internal static class LinuxOptions
{
    public static List<PacketOption> Of(in Segment seg)
    {
        var list = new List<PacketOption>();
        bool ts = (seg.Options & TcpOptions.Timestamps) != 0, sack = (seg.Options & TcpOptions.SackPermitted) != 0;
        if ((seg.Options & TcpOptions.Mss) != 0) list.Add(new PacketOption("mss", seg.Mss));
        if (ts)
        {
            if (sack) list.Add(new PacketOption("sackOK"));
            else list.AddRange([new PacketOption("nop"), new PacketOption("nop")]);
            list.Add(new PacketOption("TS", seg.TsVal, seg.TsEcr));
        }
        else if (sack)
        {
            list.AddRange([new PacketOption("nop"), new PacketOption("nop"), new PacketOption("sackOK")]);
        }
        if ((seg.Options & TcpOptions.WindowScale) != 0)
            list.AddRange([new PacketOption("nop"), new PacketOption("wscale", seg.WindowScale)]);
        return list;
    }
}
