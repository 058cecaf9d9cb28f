using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;
using static TcpSwarm.Simulation.Tests.Engine.SessionRuns;

namespace TcpSwarm.Simulation.Tests.Engine;

/// <summary>close_after, passive_close_after and requests: 0: who holds which state, and for how long, as Linux
/// makes it (an application that never closes leaves CLOSE_WAIT for good; its peer's orphaned FIN_WAIT_2 ends after
/// tcp_fin_timeout, 60 s, with no RST and no TIME_WAIT).</summary>
public sealed class ClosingTests
{
    private static SessionSpec Session(int requests = 1, Closer closes = Closer.Client, DelaySpec? closeAfter = null,
        DelaySpec? passive = null) =>
        new(200, TimeSpan.Zero, requests, closes, CloseKind.Fin, closeAfter, passive);

    private static DelaySpec After(double seconds) =>
        new DelaySpec.After(new LatencySpec.Fixed(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public async Task A_server_that_never_closes_holds_one_close_wait_per_leaked_session_still_open()
    {
        // 50/s for 10 s, the client closes, the server's application never calls close().
        var samples = await Run(Make(new ArrivalSpec.Constant(50), Session(passive: new DelaySpec.Never()),
            TimeSpan.FromSeconds(30), stop: TimeSpan.FromSeconds(10)));
        var last = samples[^1];
        var server = Server(last);
        Assert.Equal(500, server.Accepted);
        Assert.Equal(server.Accepted, server.States[(int)TcpState.CloseWait]);           // every one leaked, still open
        Assert.Equal(500, State(Clients(last), TcpState.FinWait2));                     // their peers wait for a FIN
        Assert.Equal(0, server.TimeWait + Clients(last).Sum(c => c.TimeWait));
    }

    [Fact]
    public async Task The_orphaned_fin_wait_2_ends_after_tcp_fin_timeout_and_close_wait_stays()
    {
        var samples = await Run(Make(new ArrivalSpec.Constant(50), Session(passive: new DelaySpec.Never()),
            TimeSpan.FromSeconds(80), stop: TimeSpan.FromSeconds(10)));
        var at = (double seconds) => samples.Single(s => s.VirtualTime == TimeSpan.FromSeconds(seconds));
        Assert.Equal(500, State(Clients(at(59)), TcpState.FinWait2));                    // closed at 0..10 s
        Assert.Equal(0, State(Clients(at(71)), TcpState.FinWait2));                      // + 60 s: all gone
        Assert.Equal(0, Clients(at(71)).Sum(c => c.TimeWait));                          // no TIME_WAIT after it
        Assert.Equal(500, Server(samples[^1]).States[(int)TcpState.CloseWait]);         // Linux never times it out
        Assert.Equal(500, samples[^1].Hosts.Sum(h => h.Outcomes.Completed));            // the client saw a clean end
    }

    [Fact]
    public async Task A_passive_close_after_5_s_holds_close_wait_for_5_s_each()
    {
        // Little's law with evenly spaced arrivals and a fixed wait: 100/s × 5 s = 500 in CLOSE_WAIT at any instant.
        var samples = await Run(Make(new ArrivalSpec.Constant(100), Session(passive: After(5)),
            TimeSpan.FromSeconds(20)));
        foreach (var s in samples.Where(s => s.VirtualTime >= TimeSpan.FromSeconds(8)))
            Assert.InRange(Server(s).States[(int)TcpState.CloseWait], 499, 501);
        Assert.True(Clients(samples[^1]).Sum(c => c.TimeWait) > 0, "once the server closes the client holds TIME_WAIT");
    }

    [Fact]
    public async Task A_closer_that_waits_close_after_keeps_the_connection_established_that_long()
    {
        // 100/s, the client closes 3 s after its request is done (acknowledged at once: the first data of a connection
        // meets quick-ACK mode, 2 ms after the handshake): each connection is ESTABLISHED 3.002 s, so 300 at any
        // instant.
        var samples = await Run(Make(new ArrivalSpec.Constant(100), Session(closeAfter: After(3)),
            TimeSpan.FromSeconds(10)));
        var last = samples[^1];
        Assert.InRange(State(Clients(last), TcpState.Established), 299, 301);
        Assert.InRange(Server(last).States[(int)TcpState.Established], 299, 301);
    }

    [Fact]
    public async Task A_closer_that_never_closes_leaves_every_connection_established()
    {
        var samples = await Run(Make(new ArrivalSpec.Constant(100), Session(closes: Closer.Server,
            closeAfter: new DelaySpec.Never()), TimeSpan.FromSeconds(5)));
        var last = samples[^1];
        Assert.Equal(500, last.Hosts.Sum(h => h.Attempts));
        Assert.Equal(500, State(Clients(last), TcpState.Established));
        Assert.Equal(500, Server(last).States[(int)TcpState.Established]);
        Assert.Equal(500, last.Hosts.Sum(h => h.Outcomes.Open));
    }

    [Fact]
    public async Task With_requests_0_a_closing_client_closes_at_established_and_writes_nothing()
    {
        var samples = await Run(Make(new ArrivalSpec.Constant(100), Session(requests: 0), TimeSpan.FromSeconds(5)));
        var last = samples[^1];
        Assert.Equal(0, last.Hosts.Sum(h => h.SentByKind[(int)Simulation.Engine.SegmentKind.Data]));   // no request
        Assert.Equal(500, last.Hosts.Sum(h => h.Outcomes.Completed));
        Assert.True(Clients(last).Sum(c => c.TimeWait) >= 499, "the client closed first, so it holds TIME_WAIT");
        Assert.Equal(0, Server(last).TimeWait);
    }

    [Fact]
    public async Task With_requests_0_a_closing_server_closes_at_accept()
    {
        var samples = await Run(Make(new ArrivalSpec.Constant(100), Session(requests: 0, closes: Closer.Server),
            TimeSpan.FromSeconds(5)));
        var last = samples[^1];
        Assert.Equal(0, last.Hosts.Sum(h => h.SentByKind[(int)Simulation.Engine.SegmentKind.Data]));
        Assert.Equal(500, last.Hosts.Sum(h => h.Outcomes.Completed));
        Assert.True(Server(last).TimeWait >= 499, "the server closed first, so it holds TIME_WAIT");
        Assert.Equal(0, Clients(last).Sum(c => c.TimeWait));
    }
}
