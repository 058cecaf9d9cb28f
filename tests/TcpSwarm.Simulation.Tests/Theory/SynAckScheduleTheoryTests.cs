using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Tests.Paths;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Tests.Theory;

/// <summary>With every pure ACK of the client dropped, the whole engine resends the SYN-ACK at exactly the closed form
/// of reqsk_timeout, for any tcp_synack_retries and every profile.</summary>
/// <remarks>
/// The k-th resend waits TCP_TIMEOUT_INIT · 2^(k−1) after the one before, so it leaves (2^k − 1) · T after the first
/// SYN-ACK, and after r resends the request is dropped at (2^(r+1) − 1) · T; T is 1 s on Linux and 3 s for rfc1122.
/// The listener tests pin the default schedule of each profile; this runs the scenario machinery (paths, a drop fault,
/// the window scheduler) over the retries users set, including the 2 that `tcpswarm calibrate --quick` uses. The
/// client writes 5 s after the request is gone and its data meets the listener with no request: RST.
/// </remarks>
public sealed class SynAckScheduleTheoryTests
{
    private const double OneWayMs = 10;

    [Theory]
    [InlineData("linux-6.18", 0)]
    [InlineData("linux-6.18", 1)]
    [InlineData("linux-6.18", 2)]
    [InlineData("linux-6.18", 5)]
    [InlineData("linux-6.18", 6)]
    [InlineData("linux-6.1", 3)]
    [InlineData("linux-6.1", 5)]
    [InlineData("rfc1122", 2)]
    [InlineData("rfc1122", 5)]
    public async Task Synacks_leave_at_two_to_the_k_minus_one_timeouts_and_the_request_goes_at_the_next_one(
        string profileName, int retries)
    {
        var text = retries.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Sysctls.TrySet(TcpProfile.Named(profileName), "net.ipv4.tcp_synack_retries", text,
            out var profile, out var error), error);
        double t = profile.TimeoutInit.TotalSeconds;
        double gone = ((2 << retries) - 1) * t, write = gone + 5;
        var server = TestScenario.Server("web", "10.0.1.10", 80);
        var session = new SessionSpec(100, TimeSpan.FromSeconds(write), 1, Closer.Client, CloseKind.Fin);
        var group = TestScenario.Group("one", "10.0.0.1", 1, "web", new ArrivalSpec.Bursts(1, TimeSpan.FromDays(1)))
            with
        { Session = session };
        var duration = TimeSpan.FromSeconds(write + 10);
        var path = TestScenario.Path("one", "web", TestScenario.Fixed(OneWayMs));
        var scenario = TestScenario.Make([server], [group], [path],
            faults: [new FaultSpec.Drop("one", "web", SegmentKinds.PureAck, TimeSpan.Zero, duration)]) with
        {
            Duration = duration,
            Profile = profile,
            Trace = new TraceSpec(1_000_000, 10),
        };
        var cluster = new LocalCluster(scenario);
        var samples = await cluster.Clock.RunAsync(null, TestContext.Current.CancellationToken);

        var sent = cluster.Host(server.Address).Trace.Where(r => r.Sent).ToList();
        var synAcks = sent.Where(r => r.Segment.Flags == (TcpFlags.Syn | TcpFlags.Ack)).Select(r => r.At).ToList();
        var expected = Enumerable.Range(0, retries + 1).Select(k => ((1 << k) - 1) * t).ToList();
        Assert.Equal(expected, synAcks.Select(at => Math.Round((at - synAcks[0]).TotalSeconds, 9)));

        // The request, born when the SYN arrived 10 ms in, is still queued at `gone` s and gone a second later.
        long Queued(double at) => samples.Single(x => x.VirtualTime == TimeSpan.FromSeconds(at)).Hosts
            .Single(h => h.Host == server.Address).SynReceived;
        Assert.Equal((1, 0), (Queued(gone), Queued(gone + 1)));

        var rst = Assert.Single(sent, r => (r.Segment.Flags & TcpFlags.Rst) != 0);
        Assert.Equal(write + 2 * OneWayMs / 1000 + OneWayMs / 1000, rst.At.Milliseconds / 1000.0, 9);
        var client = samples[^1].Hosts.Single(h => h.Host != server.Address);
        Assert.Equal(1, client.Outcomes.Reset);
    }
}
