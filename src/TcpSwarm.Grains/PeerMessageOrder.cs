using TcpSwarm.Tcp;

namespace TcpSwarm.Grains;

/// <summary>Puts each peer's messages back in the order it sent them: Orleans does not promise that two calls from one
/// grain to another arrive in order, and a promise must not be read before the arrivals sent ahead of it.</summary>
/// <remarks>Numbering the messages lets a partition send the next one without waiting for the peer to hold the last,
/// which a one-core peer busy with its window acknowledges late (docs/scale-out.md).</remarks>
public sealed class PeerMessageOrder(int peers)
{
    private readonly long[] _next = new long[peers];
    private readonly Dictionary<long, (Instant Through, byte[] Payload)>[] _early =
        [.. Enumerable.Range(0, peers).Select(_ => new Dictionary<long, (Instant, byte[])>())];
    private readonly List<(Instant Through, byte[] Payload)> _ready = [];

    /// <summary>Takes message <paramref name="seq"/> (0, 1, 2, … per sender) from <paramref name="from"/>: the
    /// messages now due in order, oldest first, none if an earlier one is still on its way. The list is reused.
    /// </summary>
    public IReadOnlyList<(Instant Through, byte[] Payload)> Take(int from, long seq, Instant through, byte[] payload)
    {
        _ready.Clear();
        if (seq < _next[from] || !_early[from].TryAdd(seq, (through, payload)))
            throw new InvalidOperationException($"message {seq} from partition {from} came twice");
        while (_early[from].Remove(_next[from], out var message))
        {
            _ready.Add(message);
            _next[from]++;
        }
        return _ready;
    }
}
