namespace TcpSwarm.Tcp.Tests.Tcbs;

public sealed class TcbAllocationTests
{
    private static readonly TcpProfile Linux618 = TcpProfile.Named("linux-6.18");
    private static readonly TimeSpan OneWay = TimeSpan.FromMilliseconds(10);

    [Fact]
    public void A_handshake_a_request_a_response_and_a_teardown_allocate_nothing_beyond_the_two_tcbs()
    {
        new Conversation().Run();                        // JIT and static initialisers first
        var conversation = new Conversation();
        long before = GC.GetAllocatedBytesForCurrentThread();
        conversation.Run();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal((TcpState.TimeWait, TcpState.Closed, 0L),
            (conversation.Client.State, conversation.Server.State, allocated));
        Assert.Equal((10_240L, 30_720L), (conversation.Server.BytesReceived, conversation.Client.BytesReceived));
    }

    /// <summary>Two connected Tcbs and a first-in first-out wire whose room is taken before anything is
    /// measured.</summary>
    private sealed class Conversation
    {
        private readonly Segment[] _segments = new Segment[1024];
        private readonly bool[] _toServer = new bool[1024];
        private readonly Instant[] _arrivals = new Instant[1024];
        private int _head, _tail;

        public Tcb Client { get; }
        public Tcb Server { get; }

        public Conversation() => (Client, Server) = Pair();

        // No loss, so no timer is needed: every exchange ends on an immediate ACK or a FIN.
        public void Run()
        {
            var now = Instant.FromMilliseconds(100);
            Put(toServer: true, Client.Send(10_240, now), now);
            Drain();
            now = Instant.FromSeconds(1);
            Put(toServer: false, Server.Send(30_720, now), now);
            Drain();
            Server.Read();
            Client.Read();                               // unread data would turn close() into a RST
            now = Instant.FromSeconds(2);
            Put(toServer: true, Client.Close(now), now);
            Drain();
            now = Instant.FromSeconds(3);
            Put(toServer: false, Server.Close(now), now);
            Drain();
        }

        private void Put(bool toServer, in TcbStep step, Instant sentAt)
        {
            foreach (var seg in step.Sends)
            {
                _segments[_tail] = seg;
                _toServer[_tail] = toServer;
                _arrivals[_tail] = sentAt + OneWay;
                _tail++;
            }
        }

        private void Drain()
        {
            for (; _head < _tail; _head++)
            {
                var to = _toServer[_head] ? Server : Client;
                if (to.State == TcpState.TimeWait) continue;
                var reply = to.Handle(in _segments[_head], _arrivals[_head]);
                Put(!_toServer[_head], in reply, _arrivals[_head]);
            }
        }
    }

    // Both ESTABLISHED: the client through SYN_SENT, the server as its listener would admit it.
    private static (Tcb Client, Tcb Server) Pair()
    {
        var client = Tcb.Connect(TcbFixture.ClientTuple, TcbFixture.ClientSeq(0), TcbFixture.ClientTsOffset, Linux618);
        var syn = client.Open(Instant.Zero).Sends[0];
        var synAck = new Segment(Wire.ServerAddr, Wire.ServerPort, Wire.ClientAddr, Ladder.ClientPort,
            TcbFixture.ServerSeq(0), syn.Seq + 1, TcpFlags.Syn | TcpFlags.Ack, 65535, 0,
            TcpOptions.Mss | TcpOptions.WindowScale | TcpOptions.SackPermitted | TcpOptions.Timestamps, 1460, 7,
            10 + TcbFixture.ServerTsOffset, syn.TsVal);
        var ack = client.Handle(in synAck, Instant.FromMilliseconds(20)).Sends[0];
        var accepted = new AcceptedConnection(TcbFixture.ClientTuple.Reversed, TcbFixture.ServerSeq(0), syn.Seq,
            syn.Mss, (sbyte)syn.WindowScale, SackPermitted: true, Timestamps: true, ack.TsVal,
            TcbFixture.ServerTsOffset, Instant.FromMilliseconds(10), SynAckRetransmitted: false, FromCookie: false,
            ack.Window);
        var server = Tcb.Accept(in accepted, Linux618, Instant.FromMilliseconds(30));
        server.Handle(in ack, Instant.FromMilliseconds(30));
        return (client, server);
    }
}
