namespace TcpSwarm.Tcp;

public sealed partial class Tcb
{
    private const int SockMinSndbuf = 4608;              // SOCK_MIN_SNDBUF: 2 × (2048 + sizeof(struct sk_buff))
    private const int SkbHead = 1280;                    // truesize of a TCP skb's 1 KB head (SKB_TRUESIZE, x86-64)
    private const int GsoMaxSize = 65536;                // sk_gso_max_size: the largest skb tcp_sendmsg builds

    // SO_SNDBUF (sk_sndbuf), once the application set it (SOCK_SNDBUF_LOCK). Without it Linux grows the buffer with
    // the congestion window (tcp_sndbuf_expand), which the model does not do: the queue is then bounded only by
    // MaxOutstanding, as before.
    private int _sndBuf;

    /// <summary>setsockopt(SO_SNDBUF) (sock_setsockopt): the value, at most net.core.wmem_max, doubled for the
    /// kernel's bookkeeping, and no less than SOCK_MIN_SNDBUF (4608); writes are then held to it.</summary>
    public void SetSendBuffer(int bytes, int wmemMax)
    {
        int value = Math.Clamp(bytes, 0, wmemMax);
        _sndBuf = Math.Max(value * 2, SockMinSndbuf);
    }

    /// <summary>getsockopt(SO_SNDBUF) once set, else 0 (Linux would report its autotuned size).</summary>
    public int SendBuffer => _sndBuf;

    /// <summary>How many bytes a write() may queue now (tcp_sendmsg_locked): it fills the unsent tail skb up to the
    /// size goal, then takes a new skb of the size goal for as long as sk_stream_memory_free holds (the bytes queued
    /// plus each skb's head below sk_sndbuf). Unbounded (up to 1 GiB outstanding) without SO_SNDBUF.</summary>
    public int SendSpace
    {
        get
        {
            int outstanding = _writeSeq - _sndUna;
            if (_sndBuf == 0) return MaxOutstanding - outstanding;
            int goal = SizeGoal;
            int unsent = Math.Max(_writeSeq - _sndNxt, 0);
            long room = unsent % goal == 0 ? 0 : goal - unsent % goal;
            for (long wmem = WmemQueued; wmem < _sndBuf && room < MaxOutstanding - outstanding; wmem += goal + SkbHead)
                room += goal;
            return (int)Math.Min(room, MaxOutstanding - outstanding);
        }
    }

    /// <summary>sk_stream_is_writeable: what wakes a write() blocked on the send buffer (sk_stream_write_space): the
    /// free space at least half what is queued, so the queue has drained to two thirds of sk_sndbuf.</summary>
    public bool Writable => _sndBuf == 0 || (WmemQueued < _sndBuf && _sndBuf - WmemQueued >= WmemQueued / 2);

    // sk_wmem_queued, estimated: the bytes written and not acknowledged, plus a head per skb. The skbs are counted as
    // tcp_sendmsg builds them (size-goal pieces) and as tcp_write_xmit sends them (TSO packets of at most the size goal
    // here; Linux's tcp_tso_autosize may cut them smaller, which the model does not follow).
    private long WmemQueued
    {
        get
        {
            int goal = SizeGoal;
            int inFlight = Math.Max(_sndNxt - _sndUna - (_sndUna == _iss ? 1 : 0), 0);
            int unsent = Math.Max(_writeSeq - _sndNxt, 0);
            long skbs = (inFlight + goal - 1) / goal + (unsent + goal - 1) / goal;
            return _writeSeq - _sndUna + skbs * SkbHead;
        }
    }

    // tcp_xmit_size_goal: the GSO maximum bounded to half the peer's window (tcp_bound_to_half_wnd), whole MSS.
    private int SizeGoal
    {
        get
        {
            int cutoff = _sndWnd > MinRcvMss ? _sndWnd / 2 : _sndWnd;
            int size = cutoff > 0 && cutoff < GsoMaxSize ? cutoff : GsoMaxSize;
            return Math.Max(size / _mss * _mss, _mss);
        }
    }
}
