namespace TcpSwarm.Tcp.Tests;

/// <summary>RFC 9293 §3.10.7.1: the RST that answers a segment takes its sequence number from the segment's ACK, or
/// else acknowledges all the segment occupied.</summary>
public sealed class RstTests
{
    private const uint Client = 0x0A00_0001, Server = 0x0A00_0002;

    [Fact]
    public void To_a_segment_with_an_ACK_the_RST_takes_SEG_ACK_as_its_sequence_number_and_carries_no_ACK()
    {
        var ack = new Segment(Client, 40000, Server, 80, new SeqNum(1000), new SeqNum(777), TcpFlags.Ack, 502, 100);

        var rst = Rst.For(in ack);

        Assert.Equal(new Segment(Server, 80, Client, 40000, new SeqNum(777), default, TcpFlags.Rst, 0, 0), rst);
    }

    [Fact]
    public void To_a_segment_without_an_ACK_the_RST_has_sequence_zero_and_acknowledges_SEG_SEQ_plus_SEG_LEN()
    {
        var syn = new Segment(Client, 40000, Server, 80, new SeqNum(uint.MaxValue), default,
            TcpFlags.Syn | TcpFlags.Fin, 64240, 10, TcpOptions.Mss | TcpOptions.Timestamps, Mss: 1460, TsVal: 5);

        var rst = Rst.For(in syn);

        // SEG.LEN counts the SYN and the FIN as well as the 10 bytes, and the sum wraps.
        Assert.Equal(new Segment(Server, 80, Client, 40000, default, new SeqNum(11), TcpFlags.Rst | TcpFlags.Ack, 0, 0),
            rst);
    }
}
