using static TcpSwarm.Tcp.Tests.Listeners.ListenerFixture;

namespace TcpSwarm.Tcp.Tests.Listeners;

public sealed class ListenStateTests
{
    [Theory]
    [InlineData(TcpFlags.Rst)]
    [InlineData(TcpFlags.Rst | TcpFlags.Ack)]
    [InlineData(TcpFlags.Syn | TcpFlags.Rst)]
    [InlineData(TcpFlags.Syn | TcpFlags.Fin)]
    [InlineData(TcpFlags.Fin)]
    [InlineData(TcpFlags.Psh)]
    [InlineData(TcpFlags.None)]
    public void Listen_drops_a_reset_a_syn_with_fin_or_rst_and_anything_without_syn_or_ack(TcpFlags flags)
    {
        var listener = Listen(TcpProfile.Default);

        var step = listener.Handle(Ack(0, 5000, flags: flags), Ms(0), false, null, TsOffset);

        Assert.Equal((ListenerOutcome.None, 0, 0), (step.Outcome, step.Sends.Length, listener.SynQueueLength));
        Assert.Equal(new ListenerBooks(), listener.Books);
    }

    [Theory]
    [InlineData(TcpFlags.Ack)]
    [InlineData(TcpFlags.Syn | TcpFlags.Ack)]
    [InlineData(TcpFlags.Fin | TcpFlags.Ack)]
    [InlineData(TcpFlags.Psh | TcpFlags.Ack)]
    public void Listen_refuses_any_ack_with_a_reset_at_its_ack_number(TcpFlags flags)
    {
        var listener = Listen(TcpProfile.Default);

        var step = listener.Handle(Ack(0, 5000, flags: flags), Ms(0), false, null, TsOffset);

        Assert.Equal(ListenerOutcome.Refused, step.Outcome);
        Assert.Equal(new Segment(Server, ServerPort, Client, ClientPort, new SeqNum(5000), default, TcpFlags.Rst, 0, 0),
            Assert.Single(step.Sends.ToArray()));
    }

    [Fact]
    public void A_syn_with_data_or_push_is_still_a_syn_and_its_data_is_not_acknowledged()
    {
        var listener = Listen(TcpProfile.Default);
        var syn = Syn(flags: TcpFlags.Syn | TcpFlags.Psh) with { Length = 100 };

        var step = listener.Handle(syn, Ms(0), false, null, TsOffset);

        Assert.Equal(ListenerOutcome.RequestQueued, step.Outcome);
        Assert.Equal(ClientSeq(1), step.Sends[0].Ack);
    }
}
