using System.Runtime.InteropServices;

namespace TcpSwarm.Tcp;

/// <summary>A listener's SYN queue: its request entries by 4-tuple, with Linux's qlen and young counts.</summary>
/// <remarks>
/// Young entries are those whose timer has not fired yet (num_timeout == 0, reqsk_queue_len_young); the pruning in
/// <see cref="SynAckRetries"/> compares them with the whole queue. About 68 bytes per entry in the dictionary.
/// </remarks>
internal sealed class SynQueue
{
    private readonly Dictionary<SocketPair, RequestEntry> _entries = [];

    /// <summary>qlen: request entries in SYN_RCVD.</summary>
    public int Count => _entries.Count;

    /// <summary>Entries whose timer has not fired yet.</summary>
    public int Young { get; private set; }

    public bool Contains(in SocketPair tuple) => _entries.ContainsKey(tuple);

    /// <summary>The entry itself, to change in place, or a null ref (Unsafe.IsNullRef) when there is none.</summary>
    public ref RequestEntry Find(in SocketPair tuple) => ref CollectionsMarshal.GetValueRefOrNullRef(_entries, tuple);

    /// <summary>inet_csk_reqsk_queue_hash_add: qlen++ and young++.</summary>
    public void Add(in SocketPair tuple, in RequestEntry entry)
    {
        _entries.Add(tuple, entry);
        Young++;
    }

    /// <summary>reqsk_queue_removed: qlen--, and young-- if its timer never fired.</summary>
    public RequestEntry Remove(in SocketPair tuple)
    {
        _entries.Remove(tuple, out var entry);
        if (entry.NumTimeout == 0) Young--;
        return entry;
    }

    /// <summary>reqsk_timer_handler's num_timeout++, which makes a young entry old.</summary>
    public void TimedOut(ref RequestEntry entry)
    {
        if (entry.NumTimeout++ == 0) Young--;
    }

    /// <summary>
    /// reqsk_timer_handler: the SYN-ACK retries an entry may have now. When more than half of max(8, backlog) is
    /// queued, each halving of the young share takes one retry away, down to 2 (docs/model.md).
    /// </summary>
    public int SynAckRetries(int synackRetries, int backlog)
    {
        int max = synackRetries;
        long qlen = Count;
        if (qlen << 1 > Math.Max(8L, backlog))
        {
            long young = (long)Young << 1;
            while (max > 2)
            {
                if (qlen < young) break;
                max--;
                young <<= 1;
            }
        }
        return max;
    }

    /// <summary>reqsk_timeout: TCP_TIMEOUT_INIT &lt;&lt; num_timeout, capped at the maximum RTO.</summary>
    public static TimeSpan Timeout(TcpProfile profile, int numTimeout)
    {
        long init = profile.TimeoutInit.Ticks, max = profile.TcpRtoMax.Ticks;
        return numTimeout >= 63 || init > (max >> numTimeout)
            ? profile.TcpRtoMax
            : TimeSpan.FromTicks(init << numTimeout);
    }
}
