using System.Net;
using System.Net.Sockets;

namespace TcpSwarm.Silo;

/// <summary>Binds a port for a moment before anything starts, so that a taken port or a foreign address is reported
/// by the option that names it rather than deep inside Orleans' or the exporter's start.</summary>
internal static class PortProbe
{
    /// <exception cref="EndpointOptionException">The port is taken or privileged (<paramref name="portOption"/>), or
    /// the address is not this machine's (<paramref name="addressOption"/>; without one that stays a
    /// <see cref="SocketException"/>).</exception>
    public static void Check(IPAddress address, int port, string portOption, string? addressOption = null)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
        }
        catch (SocketException e)
            when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            throw new EndpointOptionException(portOption, e.SocketErrorCode == SocketError.AccessDenied
                ? $"port {port} needs privileges; choose one above 1023"
                : $"port {port} on {address} is in use; choose another");
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressNotAvailable
                                        && addressOption is not null)
        {
            throw new EndpointOptionException(addressOption,
                $"{address} is not an address of this machine; use 127.0.0.1, 0.0.0.0 or one of its own");
        }
    }
}
