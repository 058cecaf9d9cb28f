using System.Globalization;
using System.Net.Sockets;

namespace TcpSwarm.Silo;

/// <summary>A TCP port this silo process means to listen on, claimed for as long as the process holds it: an
/// abstract Unix socket named after the port, which the kernel lets one process bind at a time and frees when it
/// dies.</summary>
/// <remarks>Orleans listens with SO_REUSEPORT, so two silos given one port both bind it and both "join" under one
/// address, until membership kills one. A bind-and-release probe cannot stop that when several start at once; this
/// claim can, because binding it is atomic and it is held from before the probe until the silo has stopped.
/// Abstract sockets live in the network namespace, as TCP ports do.</remarks>
internal sealed class PortClaim : IDisposable
{
    private readonly Socket _socket;

    private PortClaim(Socket socket) => _socket = socket;

    /// <exception cref="EndpointOptionException">Another tcpswarm silo on this machine holds the port.</exception>
    public static PortClaim Take(int port, string portOption)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            // A leading NUL makes the name abstract: no file, nothing left behind by a crash.
            socket.Bind(new UnixDomainSocketEndPoint(
                "\0tcpswarm/tcp-port/" + port.ToString(CultureInfo.InvariantCulture)));
            return new PortClaim(socket);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            socket.Dispose();
            throw new EndpointOptionException(portOption,
                $"port {port} is in use by another tcpswarm silo on this machine; choose another");
        }
    }

    public void Dispose() => _socket.Dispose();
}
