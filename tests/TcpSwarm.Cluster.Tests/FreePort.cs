using System.Net;
using System.Net.Sockets;

namespace TcpSwarm.Cluster.Tests;

/// <summary>Loopback ports nobody listens on now, for the servers a test starts.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>The local addresses a port listens on, from /proc/net/tcp (IPv4): what the kernel says, not we.</summary>
    public static IReadOnlyList<string> ListeningAddresses(int port)
    {
        var found = new List<string>();
        foreach (var line in File.ReadLines("/proc/net/tcp").Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var local = fields[1].Split(':');
            if (fields[3] != "0A" || Convert.ToInt32(local[1], 16) != port) continue;     // 0A: LISTEN
            var bytes = BitConverter.GetBytes(Convert.ToUInt32(local[0], 16));
            found.Add(new IPAddress(bytes).ToString());
        }
        return found;
    }
}
