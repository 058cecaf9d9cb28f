using System.Net;
using System.Net.Sockets;

namespace TcpSwarm.TestSupport;

/// <summary>Loopback ports nobody listens on now, for the servers a test starts.</summary>
public static class FreePort
{
    private static int _next = 20000 + Environment.ProcessId % 1000 * 10;

    /// <summary>A port below Linux's ephemeral range (32768 up), where no outgoing connection of another test can
    /// take it between this probe and the server's bind.</summary>
    public static int Next()
    {
        for (int tries = 0; tries < 2000; tries++)
        {
            int port = 20000 + (Interlocked.Increment(ref _next) - 20000) % 12000;
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try the next one.
            }
        }
        throw new InvalidOperationException("no free port below 32768 on 127.0.0.1");
    }

    /// <summary>The local addresses a port listens on, from /proc/net/tcp (IPv4): what the kernel says, not
    /// we.</summary>
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
