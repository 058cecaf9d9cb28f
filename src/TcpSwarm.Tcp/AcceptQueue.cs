namespace TcpSwarm.Tcp;

/// <summary>A listener's accept queue: admitted children, oldest first, until accept() takes them.</summary>
/// <remarks>Full when it holds more than the backlog (sk_acceptq_is_full's `&gt;`), so backlog N holds N+1.</remarks>
internal sealed class AcceptQueue(int backlog)
{
    private readonly Queue<SocketPair> _children = new();

    /// <summary>sk_ack_backlog.</summary>
    public int Count => _children.Count;

    /// <summary>sk_acceptq_is_full: a source comment in sock.h warns not to make it `&gt;=`.</summary>
    public bool IsFull => _children.Count > backlog;

    /// <summary>inet_csk_reqsk_queue_add.</summary>
    public void Add(in SocketPair child) => _children.Enqueue(child);

    public bool TryAccept(out SocketPair child) => _children.TryDequeue(out child);
}
