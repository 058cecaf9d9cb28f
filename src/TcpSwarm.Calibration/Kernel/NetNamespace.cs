using System.Net;
using System.Net.Sockets;

namespace TcpSwarm.Calibration.Kernel;

/// <summary>One network namespace this run created: its tools (`ip netns exec NAME ...`), its sysctls, its counters
/// and sockets, and a thread inside it that makes sockets.</summary>
internal sealed class NetNamespace : IDisposable
{
    private readonly NamespaceThread _thread;

    private NetNamespace(string name)
    {
        Name = name;
        _thread = new NamespaceThread(name);
    }

    public string Name { get; }

    /// <summary>The address given to its end of the veth pair (set by <see cref="Lab.PairAsync"/>).</summary>
    public IPAddress Address { get; internal set; } = IPAddress.None;

    /// <summary>`ip netns add NAME`, loopback up; the thread joins it.</summary>
    public static async Task<NetNamespace> CreateAsync(string name, CancellationToken cancellation)
    {
        await HostCommand.RunAsync(["ip", "netns", "add", name], cancellation: cancellation).ConfigureAwait(false);
        var ns = new NetNamespace(name);
        await ns.RunAsync(["ip", "link", "set", "lo", "up"], cancellation).ConfigureAwait(false);
        await ns._thread.Joined.ConfigureAwait(false);
        return ns;
    }

    /// <summary>`ip netns del NAME`: also removes its end of every veth pair (and so the pair).</summary>
    public static Task DeleteAsync(string name) => HostCommand.RunAsync(["ip", "netns", "del", name]);

    /// <summary>Runs a tool inside the namespace; its standard output.</summary>
    public Task<string> RunAsync(IReadOnlyList<string> command, CancellationToken cancellation, string? input = null) =>
        HostCommand.RunAsync(["ip", "netns", "exec", Name, .. command], input, cancellation);

    public Task SetSysctlAsync(string name, string value, CancellationToken cancellation) =>
        RunAsync(["sysctl", "-q", "-w", $"{name}={value}"], cancellation);

    /// <summary>`sysctl -a` inside the namespace: what its kernel uses now, as a sysctl file reads it.</summary>
    public Task<string> SysctlsAsync(CancellationToken cancellation) => RunAsync(["sysctl", "-a"], cancellation);

    /// <summary>`nstat -asz`: every counter's absolute value, zeros too, without touching nstat's history file.
    /// </summary>
    public async Task<NstatCounters> CountersAsync(CancellationToken cancellation) =>
        NstatCounters.Parse(await RunAsync(["nstat", "-asz"], cancellation).ConfigureAwait(false));

    /// <summary>`ss -Htan4`: every IPv4 TCP socket with its state, request socks (SYN-RECV) and TIME-WAIT included.
    /// </summary>
    public async Task<SocketTable> SocketsAsync(CancellationToken cancellation) =>
        SocketTable.Parse(await RunAsync(["ss", "-H", "-t", "-a", "-n", "-4"], cancellation).ConfigureAwait(false));

    /// <summary>Loads an nftables ruleset into the namespace (`nft -f -`).</summary>
    public Task FilterAsync(string ruleset, CancellationToken cancellation) =>
        RunAsync(["nft", "-f", "-"], cancellation, ruleset);

    /// <summary>A TCP socket made inside the namespace; usable from any thread afterwards.</summary>
    public Task<Socket> TcpSocketAsync() =>
        _thread.RunAsync(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));

    /// <summary>A raw IPv4 socket for TCP made inside the namespace: it hears every TCP segment the namespace
    /// receives (after its input filter), and with IP_HDRINCL it sends what it is given.</summary>
    public Task<Socket> RawTcpSocketAsync() =>
        _thread.RunAsync(() => new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Tcp));

    /// <summary>Runs a blocking call on the namespace's own thread (it then makes no sockets until the call returns),
    /// so that the moment the kernel wakes it is the moment it is timed, with no thread-pool hop in between.</summary>
    public Task<T> OnThreadAsync<T>(Func<T> call) => _thread.RunAsync(call);

    /// <summary>A listener on this namespace's address; never accepts unless asked.</summary>
    public async Task<Socket> ListenAsync(int port, int backlog)
    {
        var socket = await TcpSocketAsync().ConfigureAwait(false);
        socket.Bind(new IPEndPoint(Address, port));
        socket.Listen(backlog);
        return socket;
    }

    public void Dispose() => _thread.Dispose();
}
