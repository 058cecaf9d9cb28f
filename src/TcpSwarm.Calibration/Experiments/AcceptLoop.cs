using System.Net.Sockets;

namespace TcpSwarm.Calibration.Experiments;

/// <summary>A server application for the kernel side: accepts every connection, reads it to its end, then closes
/// (so the client, having closed first, holds TIME_WAIT), until cancelled.</summary>
internal static class AcceptLoop
{
    public static async Task RunAsync(Socket listener, CancellationToken cancellation)
    {
        var children = new List<Task>();
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                var child = await listener.AcceptAsync(cancellation).ConfigureAwait(false);
                children.Add(DrainAndCloseAsync(child, cancellation));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // the experiment is over
        }
        await Task.WhenAll(children).ConfigureAwait(false);
    }

    private static async Task DrainAndCloseAsync(Socket child, CancellationToken cancellation)
    {
        using (child)
        {
            var buffer = new byte[1024];
            try
            {
                while (await child.ReceiveAsync(buffer, cancellation).ConfigureAwait(false) > 0)
                {
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                // the experiment is over, or the peer reset
            }
        }
    }
}
