namespace TcpSwarm.Grains;

/// <summary>A second thread-pool worker on a one-core silo whose run spans other silos, so that its messages to them
/// leave at once.</summary>
/// <remarks>Orleans queues a grain's turns on the queue of the worker that runs it (<c>WorkItemGroup</c>,
/// <c>preferLocal</c>), and a worker empties its own queue before it looks at the pool's shared one, where the sockets
/// queue their sends. With a single worker, a message to another silo waited until this silo ran out of grain work:
/// a leg's start reached the other silo a median of 28 ms late and up to 290 ms while this silo's partition ran its
/// windows. A second worker takes a send as soon as it is queued: 2.5 ms, at most 18 ms. Only for runs across silos:
/// on a lone one-core silo the second worker only shares the grain turns, which cost about 4.5 % (docs/scale-out.md).
/// </remarks>
internal static class NetworkWorker
{
    private static int _added;

    /// <summary>Called when this silo joins a run on more than one silo; a silo keeps the worker from then on.
    /// </summary>
    public static void EnsureForPeers()
    {
        if (Environment.ProcessorCount != 1 || Interlocked.Exchange(ref _added, 1) == 1) return;
        ThreadPool.GetMinThreads(out int workers, out int completionPorts);
        if (workers < 2) ThreadPool.SetMinThreads(2, completionPorts);
    }

    /// <summary>Called after handing Orleans messages to peers, before more grain work: on one core, lets the worker
    /// that writes them to the socket run now.</summary>
    /// <remarks>The second worker is woken for the send, but the kernel does not take the core from a busy thread at
    /// once: while this silo ran its inner hosts' window straight after, a message to the peer took a median of
    /// 2.1 ms to arrive (0.8 ms with the yield), and hot-server on two silos ran 0.79 times as long with it
    /// (docs/scale-out.md). With nothing else to run, the yield returns at once.</remarks>
    public static void LetMessagesLeave()
    {
        if (Environment.ProcessorCount == 1) Thread.Yield();
    }
}
