using System.Net;
using System.Net.Sockets;
using TcpSwarm.Calibration.Kernel;
using TcpSwarm.Calibration.Table;

namespace TcpSwarm.Calibration.Experiments;

/// <summary>ip_local_port_range "40000 40009": ten ports, so ten connects to one destination, then EADDRNOTAVAIL
/// while TIME_WAIT holds them. (docs/model.md: exhaustion is per destination.)</summary>
internal sealed class PortRange() : Experiment("port-range-10")
{
    private const int Connects = 12;

    public override async Task<IReadOnlyList<CalibrationRow>> RunAsync(CalibrationContext context,
        CancellationToken cancellation)
    {
        var sysctls = new Dictionary<string, string> { ["net.ipv4.ip_local_port_range"] = "40000 40009" };
        var (srv, cli, text) = await context.PairAsync(Name, sysctls, cancellation).ConfigureAwait(false);
        var kernel = await OnKernelAsync(srv, cli, cancellation).ConfigureAwait(false);
        var sim = await OnSimulatorAsync(context, srv, cli, text, cancellation).ConfigureAwait(false);
        return
        [
            Row($"connects that succeed, of {Connects}", kernel.Connected, sim.Connected, "", Tolerance.Exact),
            Row("connects failing with EADDRNOTAVAIL", kernel.NotAvailable, sim.NotAvailable, "", Tolerance.Exact),
            Row("client TIME_WAIT holding the ports", kernel.TimeWait, sim.TimeWait, "", Tolerance.Exact),
        ];
    }

    private sealed record Observed(long Connected, long NotAvailable, long TimeWait);

    private static async Task<Observed> OnKernelAsync(NetNamespace srv, NetNamespace cli,
        CancellationToken cancellation)
    {
        using var listener = await srv.ListenAsync(Port, 128).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var server = AcceptLoop.RunAsync(listener, stop.Token);
        int connected = 0, notAvailable = 0;
        for (int i = 0; i < Connects; i++)
        {
            using var client = await cli.TcpSocketAsync().ConfigureAwait(false);
            try
            {
                await client.ConnectAsync(new IPEndPoint(srv.Address, Port), cancellation).ConfigureAwait(false);
                connected++;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressNotAvailable)
            {
                notAvailable++;
            }
            await Task.Delay(100, cancellation).ConfigureAwait(false);
        }
        await Task.Delay(500, cancellation).ConfigureAwait(false);
        long timeWait = (await cli.SocketsAsync(cancellation).ConfigureAwait(false)).Count("TIME-WAIT");
        await stop.CancelAsync().ConfigureAwait(false);
        listener.Dispose();
        await server.ConfigureAwait(false);
        return new Observed(connected, notAvailable, timeWait);
    }

    private async Task<Observed> OnSimulatorAsync(CalibrationContext context, NetNamespace srv, NetNamespace cli,
        string sysctls, CancellationToken cancellation)
    {
        string s = srv.Address.ToString(), c = cli.Address.ToString();
        var yaml = $$"""
            duration: 2s
            servers:
              - { name: srv, address: {{s}}, port: {{Port}}, backlog: 128 }
            clients:
              - name: cli
                addresses: {{c}}
                target: srv
                arrivals: { constant: 10/s }
                stop: {{Connects / 10.0}}s
                session: { requests: 0, closes: client }
            paths:
              - { from: cli, to: srv, latency: { fixed: 100us } }
            """;
        var run = await context.SimulateAsync(Name, yaml, sysctls, cancellation).ConfigureAwait(false);
        var client = run.Last(c);
        return new Observed(client.Outcomes.Completed, client.Outcomes.PortExhausted, client.TimeWait);
    }
}
