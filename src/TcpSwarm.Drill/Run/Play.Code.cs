using TcpSwarm.Drill.Syntax;
using TcpSwarm.Tcp;

namespace TcpSwarm.Drill.Run;

internal sealed partial class Play
{
    // Linux's TCP_* state numbers (include/net/tcp_states.h) and tcpi_options bits.
    private static readonly Dictionary<string, double> InfoConstants = new(StringComparer.Ordinal)
    {
        ["TCP_ESTABLISHED"] = 1, ["TCP_SYN_SENT"] = 2, ["TCP_SYN_RECV"] = 3, ["TCP_FIN_WAIT1"] = 4,
        ["TCP_FIN_WAIT2"] = 5, ["TCP_TIME_WAIT"] = 6, ["TCP_CLOSE"] = 7, ["TCP_CLOSE_WAIT"] = 8, ["TCP_LAST_ACK"] = 9,
        ["TCP_LISTEN"] = 10, ["TCP_CLOSING"] = 11,
        ["TCPI_OPT_TIMESTAMPS"] = 1, ["TCPI_OPT_SACK"] = 2, ["TCPI_OPT_WSCALE"] = 4, ["TCPI_OPT_ECN"] = 8,
    };

    private void Code(CodeBlock code)
    {
        var sock = _underTest ?? throw DrillStop.Unsupported(code.Line, "%{ }% before any socket exists");
        string? failed;
        try
        {
            failed = InfoExpression.Check(code.Code, name => Field(sock, name));
        }
        catch (NotSupportedException e)
        {
            throw DrillStop.Unsupported(code.Line, $"in %{{ }}%: {e.Message}");
        }
        Note($"%{{ {code.Code.Trim()} }}%" + (failed is null ? " holds" : " fails"));
        if (failed is null) return;
        int open = failed.IndexOf(" (", StringComparison.Ordinal);
        var (condition, values) = open < 0 ? (failed, "false") : (failed[..open], failed[(open + 2)..^1]);
        throw DrillStop.Fail(code.Line,
            $"expected {condition} to hold, got {values} at {Seconds.Of(_stack.Now.Nanoseconds / 1000)}");
    }

    // tcp_get_info's fields as far as the model knows them; null (unsupported) for the rest.
    private double? Field(DrillSocket sock, string name)
    {
        if (InfoConstants.TryGetValue(name, out var constant)) return constant;
        if (sock.Listener is not null) return name == "tcpi_state" ? 10 : null;
        if (sock.Conn is not { } conn) return name == "tcpi_state" ? 7 : null;
        var info = conn.Tcb.Info(_stack.Now);
        return name switch
        {
            "tcpi_state" => StateNumber(conn.Gone && info.State != TcpState.TimeWait ? TcpState.Closed : info.State),
            "tcpi_ca_state" => info.CaState,
            "tcpi_rto" => info.RtoUs,
            "tcpi_ato" => info.AtoUs,
            "tcpi_retransmits" => info.Retransmits,
            "tcpi_backoff" => info.Backoff,
            "tcpi_total_retrans" => info.TotalRetrans,
            "tcpi_snd_mss" => info.SndMss,
            "tcpi_rcv_mss" => info.RcvMss,
            "tcpi_advmss" => info.AdvMss,
            "tcpi_probes" => info.Probes,
            "tcpi_busy_time" => info.BusyTimeUs,
            "tcpi_rwnd_limited" => info.RwndLimitedUs,
            "tcpi_unacked" => info.Unacked,
            "tcpi_rtt" => info.RttUs,
            "tcpi_snd_cwnd" => info.SndCwnd,
            "tcpi_options" => info.Options,
            "tcpi_snd_wscale" => info.SndWscale,
            "tcpi_rcv_wscale" => info.RcvWscale,
            "tcpi_bytes_acked" => info.BytesAcked,
            "tcpi_bytes_received" => info.BytesReceived,
            "tcpi_last_data_sent" => info.LastDataSentMs,
            "tcpi_last_ack_recv" => info.LastAckRecvMs,
            "tcpi_last_data_recv" => conn.LastDataRecv is { } at
                ? (_stack.Now - at).Ticks / TimeSpan.TicksPerMillisecond : null,
            _ => null,
        };
    }

    private static double StateNumber(TcpState state) => state switch
    {
        TcpState.Established => 1,
        TcpState.SynSent => 2,
        TcpState.SynReceived => 3,
        TcpState.FinWait1 => 4,
        TcpState.FinWait2 => 5,
        TcpState.TimeWait => 6,
        TcpState.Closed => 7,
        TcpState.CloseWait => 8,
        TcpState.LastAck => 9,
        TcpState.Listen => 10,
        _ => 11,
    };
}
