namespace TcpSwarm.Simulation.Model;

/// <summary>A listening server: one address and port, its listen() backlog, and how its application behaves.</summary>
/// <param name="Name">Unique among servers, client groups and attackers; [a-z][a-z0-9_-]*.</param>
/// <param name="Address">Its IPv4 address; no two servers share an address:port.</param>
/// <param name="Port">1 to 65535.</param>
/// <param name="Backlog">The listen() argument as written, 0 to 2147483647. The kernel clamps it:
/// <see cref="Tcp.TcpProfile.ClampBacklog"/> gives min(Backlog, net.core.somaxconn).</param>
/// <param name="ReusePort">SO_REUSEPORT shards, 1 to 64: that many listeners on the address:port, each with its own
/// queues of Backlog; Linux spreads SYNs over them by a hash of the 4-tuple.</param>
/// <param name="Accept">How the application calls accept().</param>
/// <param name="ResponseBytes">What the server writes after reading each request; 0 writes nothing.</param>
/// <param name="ResponseDelay">How long after reading a request it writes its response.</param>
public sealed record ServerSpec(
    string Name,
    uint Address,
    ushort Port,
    int Backlog,
    int ReusePort,
    AcceptSpec Accept,
    long ResponseBytes,
    TimeSpan ResponseDelay);
