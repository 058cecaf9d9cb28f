using System.Net.Sockets;

namespace TcpSwarm.Calibration.Experiments;

/// <summary>A server application for the kernel side: accepts every connection, reads it to its end, then closes
/// (so the client, having closed first, holds TIME_WAIT), until cancelled.</summary>
internal static class AcceptLoop
{
    /// <param name="closeDelay">How long each connection is held after its end is read, before the close: a slow
    /// server, for tests of the experiments' robustness; zero in calibrate itself.</param>
    /// <param name="closed">Called after each close, with the real-time clock's reading.</param>
    public static async Task RunAsync(Socket listener, CancellationToken cancellation, TimeSpan closeDelay = default,
        Action<long>? closed = null)
    {
        var children = new List<Task>();
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                var child = await listener.AcceptAsync(cancellation).ConfigureAwait(false);
                children.Add(DrainAndCloseAsync(child, closeDelay, closed, cancellation));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // the experiment is over
        }
        await Task.WhenAll(children).ConfigureAwait(false);
    }

    private static async Task DrainAndCloseAsync(Socket child, TimeSpan closeDelay, Action<long>? closed,
        CancellationToken cancellation)
    {
        using (child)
        {
            var buffer = new byte[1024];
            try
            {
                while (await child.ReceiveAsync(buffer, cancellation).ConfigureAwait(false) > 0)
                {
                }
                if (closeDelay > TimeSpan.Zero) await Task.Delay(closeDelay, cancellation).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                // the experiment is over, or the peer reset
            }
        }
        closed?.Invoke(Kernel.Clock.NowNs());
    }
}
