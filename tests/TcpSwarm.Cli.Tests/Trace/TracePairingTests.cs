using TcpSwarm.Cli.Trace;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Cli.Tests.Trace;

/// <summary>Which send each arrival is: identical copies, a lost one, a spoofed sender and an untraced
/// receiver.</summary>
public sealed class TracePairingTests
{
    private const uint Client = 0x0A000001, Server = 0x0A00010A, Spoofed = 0xC6336407, Elsewhere = 0x0A000909;
    private const long Ms = 1_000_000;

    // Without timestamps a resent SYN-ACK is the same segment as the first: only time tells the copies apart.
    private static readonly Segment SynAck =
        new(Server, 80, Client, 40000, new(5000), new(1001), TcpFlags.Syn | TcpFlags.Ack, 64240, 0);

    [Fact]
    public void Of_two_identical_synacks_the_first_is_lost_when_one_arrives_after_the_second()
    {
        TraceRecord[] records =
        [
            new(new(20 * Ms), Client, Sent: false, new(Spoofed, 1, Client, 40000, new(1), new(0), TcpFlags.Rst, 0, 0)),
            new(new(1_020 * Ms), Client, Sent: false, SynAck),
            new(new(1_030 * Ms), Client, Sent: true,
                new(Client, 40000, Elsewhere, 22, new(7), new(0), TcpFlags.Syn, 64240, 0)),
            new(new(10 * Ms), Server, Sent: true, SynAck),
            new(new(1_010 * Ms), Server, Sent: true, SynAck),
        ];

        var pairing = new TracePairing(records);

        Assert.True(pairing.Lost(3));                  // the copy sent at 10 ms
        Assert.Equal((4, 1), (pairing.Partner(1), pairing.Partner(4)));
        Assert.False(pairing.Lost(4));
        Assert.Equal(2, pairing.IpId(1));              // the server's second datagram, as the client saw it
        Assert.Equal(-1, pairing.Partner(0));          // a spoofed source sends nothing we traced
        Assert.Equal(1, pairing.IpId(0));
        Assert.False(pairing.Lost(2));                 // 10.0.9.9 traced nothing: whether it arrived is unknown
    }
}
