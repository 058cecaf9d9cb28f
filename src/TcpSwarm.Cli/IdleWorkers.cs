namespace TcpSwarm.Cli;

/// <summary>How the thread pool's idle workers wait for work: on a single core, they block at once.</summary>
internal static class IdleWorkers
{
    private const string SpinLimit = "System.Threading.ThreadPool.UnfairSemaphoreSpinLimit";

    /// <summary>Before the thread pool starts: on one core (a silo pinned with taskset, a one-CPU container), no
    /// spinning, unless the runtime's configuration or environment says otherwise.</summary>
    /// <remarks>A worker woken for work spins before it sleeps; on one core every spin is a sched_yield, a context
    /// switch that takes the core from the worker that has work. On each silo of a 2-silo cluster, pinned, that was
    /// most of its context switches: 61,000 to 74,000 in an eight-servers run, against 9,000 to 13,000 without the
    /// spin (docs/scale-out.md).</remarks>
    public static void BlockAtOnceOnOneCore()
    {
        if (Environment.ProcessorCount != 1 || AppContext.GetData(SpinLimit) is not null
            || Environment.GetEnvironmentVariable("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit") is not null)
            return;
        AppContext.SetData(SpinLimit, 0);
    }
}
