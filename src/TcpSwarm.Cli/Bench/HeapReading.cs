using System.Diagnostics;
using System.Runtime;

namespace TcpSwarm.Cli.Bench;

/// <summary>The process's memory after a full, compacting, blocking GC that gives back to the system what it can: the
/// managed heap in use and the working set, what holding it takes rather than what the collector kept in reserve.
/// </summary>
internal readonly record struct HeapReading(long ManagedBytes, long WorkingSetBytes)
{
    /// <summary>Collects everything collectable (twice, with finalizers between; the second time aggressively, so that
    /// the collector decommits the memory it no longer needs), then reads both figures.</summary>
    public static HeapReading Take()
    {
        for (int i = 0; i < 2; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, i == 0 ? GCCollectionMode.Forced : GCCollectionMode.Aggressive,
                blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        long managed = GC.GetTotalMemory(forceFullCollection: false);
        using var process = Process.GetCurrentProcess();
        return new HeapReading(managed, process.WorkingSet64);
    }

    /// <summary>The working set now, without collecting: cheap enough to read at every sample.</summary>
    public static long WorkingSetNow()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
