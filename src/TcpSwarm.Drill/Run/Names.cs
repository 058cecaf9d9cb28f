namespace TcpSwarm.Drill.Run;

// The C constants packetdrill scripts name, with Linux's values; and the model's errors as errno names.
internal static class Names
{
    public static readonly IReadOnlyDictionary<string, long> Constants = new Dictionary<string, long>
    {
        ["AF_INET"] = 2, ["AF_INET6"] = 10, ["PF_INET"] = 2, ["PF_INET6"] = 10,
        ["SOCK_STREAM"] = 1, ["SOCK_DGRAM"] = 2, ["SOCK_NONBLOCK"] = 0x800, ["SOCK_CLOEXEC"] = 0x80000,
        ["IPPROTO_IP"] = 0, ["IPPROTO_TCP"] = 6, ["IPPROTO_UDP"] = 17, ["IPPROTO_MPTCP"] = 262,
        ["SOL_SOCKET"] = 1, ["SOL_TCP"] = 6, ["SOL_IP"] = 0,
        ["SO_REUSEADDR"] = 2, ["SO_ERROR"] = 4, ["SO_SNDBUF"] = 7, ["SO_RCVBUF"] = 8, ["SO_KEEPALIVE"] = 9,
        ["SO_LINGER"] = 13, ["SO_REUSEPORT"] = 15, ["SO_ZEROCOPY"] = 60,
        ["TCP_NODELAY"] = 1, ["TCP_MAXSEG"] = 2, ["TCP_CORK"] = 3, ["TCP_INFO"] = 11, ["TCP_USER_TIMEOUT"] = 18,
        ["TCP_FASTOPEN"] = 23, ["TCP_FASTOPEN_CONNECT"] = 30, ["TCP_DEFER_ACCEPT"] = 9,
        ["O_RDONLY"] = 0, ["O_WRONLY"] = 1, ["O_RDWR"] = 2, ["O_NONBLOCK"] = 0x800,
        ["F_GETFL"] = 3, ["F_SETFL"] = 4,
        ["SHUT_RD"] = 0, ["SHUT_WR"] = 1, ["SHUT_RDWR"] = 2,
        ["SIOCINQ"] = 0x541B, ["FIONREAD"] = 0x541B, ["SIOCOUTQ"] = 0x5411, ["TIOCOUTQ"] = 0x5411,
        ["MSG_DONTWAIT"] = 0x40, ["MSG_PEEK"] = 0x2, ["MSG_ZEROCOPY"] = 0x4000000, ["MSG_FASTOPEN"] = 0x20000000,
        ["INADDR_ANY"] = 0,
        ["ECONNREFUSED"] = 111, ["ECONNRESET"] = 104, ["ETIMEDOUT"] = 110, ["EADDRNOTAVAIL"] = 99, ["EPIPE"] = 32,
    };

    public static string Errno(Tcp.TcpError error) => error switch
    {
        Tcp.TcpError.ConnRefused => "ECONNREFUSED",
        Tcp.TcpError.ConnReset => "ECONNRESET",
        Tcp.TcpError.TimedOut => "ETIMEDOUT",
        Tcp.TcpError.AddrNotAvail => "EADDRNOTAVAIL",
        _ => "",
    };
}
