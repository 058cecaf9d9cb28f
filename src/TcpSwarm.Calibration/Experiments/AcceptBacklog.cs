using System.Net;
using System.Net.Sockets;
using TcpSwarm.Calibration.Kernel;
using TcpSwarm.Calibration.Table;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Calibration.Experiments;

/// <summary>A listener with backlog 4 that never accepts, and 20 connects one every 100 ms: how many reach
/// ESTABLISHED on the server, and what happens to the others? (docs/model.md: the accept queue holds backlog + 1;
/// a SYN meeting a full accept queue is dropped, ListenOverflows.)</summary>
/// <remarks>The blocked clients keep resending their SYN until connect() gives up; every SYN is dropped and counted
/// (ListenOverflows, ListenDrops). The rows are read once every client has given up, so no count depends on when.
/// </remarks>
internal sealed class AcceptBacklog() : Experiment("backlog-4")
{
    private const int Connects = 20, Backlog = 4;
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(100);

    public override async Task<IReadOnlyList<CalibrationRow>> RunAsync(CalibrationContext context,
        CancellationToken cancellation)
    {
        var sysctls = new Dictionary<string, string>();
        if (context.Mode.BacklogSynRetries is { } r) sysctls["net.ipv4.tcp_syn_retries"] = CalibrationContext.Sysctl(r);
        var (srv, cli, text) = await context.PairAsync(Name, sysctls, cancellation).ConfigureAwait(false);

        var kernel = await OnKernelAsync(srv, cli, cancellation).ConfigureAwait(false);
        var sim = await OnSimulatorAsync(context, srv, cli, text, Math.Ceiling(kernel.Seconds + 5), cancellation)
            .ConfigureAwait(false);
        return
        [
            Row("server ESTABLISHED (accept queue)", kernel.Established, sim.Established, "", Tolerance.Exact),
            Row("server SYN_RECV", kernel.SynReceived, sim.SynReceived, "", Tolerance.Exact),
            Row($"connects completed of {Connects}", kernel.Connected, sim.Connected, "", Tolerance.Exact),
            Row("connects timed out (ETIMEDOUT)", kernel.TimedOut, sim.TimedOut, "", Tolerance.Exact),
            Row("ListenOverflows", kernel.Overflows, sim.Overflows, "", Tolerance.Exact),
            Row("ListenDrops", kernel.Drops, sim.Drops, "", Tolerance.Exact),
        ];
    }

    private sealed record Observed(long Established, long SynReceived, long Connected, long TimedOut, long Overflows,
        long Drops, double Seconds = 0);

    private static async Task<Observed> OnKernelAsync(NetNamespace srv, NetNamespace cli,
        CancellationToken cancellation)
    {
        using var listener = await srv.ListenAsync(Port, Backlog).ConfigureAwait(false);
        var sockets = new List<Socket>();
        var connects = new List<Task<SocketError>>();
        long start = Clock.NowNs();
        try
        {
            for (int i = 0; i < Connects; i++)
            {
                await UntilAsync(start + i * Every.Ticks * 100, cancellation).ConfigureAwait(false);
                var socket = await cli.TcpSocketAsync().ConfigureAwait(false);
                sockets.Add(socket);
                connects.Add(ConnectAsync(socket, new IPEndPoint(srv.Address, Port), cancellation));
            }
            var outcomes = await Task.WhenAll(connects).ConfigureAwait(false);
            double seconds = Clock.Seconds(start, Clock.NowNs());
            var table = await srv.SocketsAsync(cancellation).ConfigureAwait(false);
            var counters = await srv.CountersAsync(cancellation).ConfigureAwait(false);
            return new Observed(table.Count("ESTAB", Port), table.Count("SYN-RECV", Port),
                outcomes.Count(o => o == SocketError.Success), outcomes.Count(o => o == SocketError.TimedOut),
                counters.TcpExt("ListenOverflows"), counters.TcpExt("ListenDrops"), seconds);
        }
        finally
        {
            foreach (var s in sockets) s.Dispose();
        }
    }

    private static async Task<SocketError> ConnectAsync(Socket socket, IPEndPoint to, CancellationToken cancellation)
    {
        try
        {
            await socket.ConnectAsync(to, cancellation).ConfigureAwait(false);
            return SocketError.Success;
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode;
        }
    }

    private async Task<Observed> OnSimulatorAsync(CalibrationContext context, NetNamespace srv, NetNamespace cli,
        string sysctls, double duration, CancellationToken cancellation)
    {
        string s = srv.Address.ToString(), c = cli.Address.ToString();
        var yaml = $$"""
            duration: {{duration}}s
            servers:
              - { name: srv, address: {{s}}, port: {{Port}}, backlog: {{Backlog}}, accept: never }
            clients:
              - name: cli
                addresses: {{c}}
                target: srv
                arrivals: { constant: {{1 / Every.TotalSeconds}}/s }
                stop: {{Connects * Every.TotalSeconds}}s
                session: { requests: 0, closes: server }
            paths:
              - { from: cli, to: srv, latency: { fixed: 100us } }
            """;
        var run = await context.SimulateAsync(Name, yaml, sysctls, cancellation).ConfigureAwait(false);
        HostSample server = run.Last(s), client = run.Last(c);
        if (client.Attempts != Connects)
            throw new InvalidOperationException($"the simulated group made {client.Attempts} connects, not {Connects}");
        return new Observed(server.States[(int)TcpState.Established], server.SynReceived, client.Outcomes.Open,
            client.Outcomes.TimedOut, server.Counters[(int)TcpExt.ListenOverflows],
            server.Counters[(int)TcpExt.ListenDrops]);
    }
}
