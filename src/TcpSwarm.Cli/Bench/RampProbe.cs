using System.Diagnostics;
using TcpSwarm.Simulation.Results;
using TcpSwarm.Tcp;

namespace TcpSwarm.Cli.Bench;

/// <summary>Reads the ramp's memory between windows: at the sample where every connection is held, or earlier when
/// the working set passes the budget, in which case it also stops the run.</summary>
/// <remarks>GrainRun reports each sample from its own loop, between clock steps, so every grain of the run is idle
/// while the heap is collected and read.</remarks>
internal sealed class RampProbe(TimeSpan measureAt, long workingSetBudget, CancellationTokenSource stop)
    : IProgress<RunProgress>
{
    public HeapReading? Reading { get; private set; }

    /// <summary>The largest working set seen at any sample of the ramp, before its reading's collection.</summary>
    public long PeakWorkingSet { get; private set; }

    /// <summary>Virtual time of the reading.</summary>
    public TimeSpan ReadAt { get; private set; }

    /// <summary>Why the ramp stopped before holding every connection; null when it did not.</summary>
    public string? StoppedBecause { get; private set; }

    /// <summary>Wall time and GC pauses the probe itself took: not the workload's.</summary>
    public TimeSpan Spent { get; private set; }

    public TimeSpan SpentInGc { get; private set; }

    /// <summary>Collections of generation 0, 1 and 2 the probe caused (a forced full GC counts in all three).</summary>
    public int[] Collections { get; } = new int[3];

    public void Report(RunProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (Reading is not null) return;
        long begin = Stopwatch.GetTimestamp();
        var pauses = GC.GetTotalPauseDuration();
        int[] before = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        long workingSet = HeapReading.WorkingSetNow();
        PeakWorkingSet = Math.Max(PeakWorkingSet, workingSet);
        bool over = workingSet > workingSetBudget;
        if (value.VirtualTime >= measureAt || over)
        {
            Reading = HeapReading.Take();
            ReadAt = value.VirtualTime;
            if (over)
            {
                long established = value.StateCounts[(int)TcpState.Established];
                StoppedBecause = $"stopped at {value.VirtualTime.TotalSeconds:0.#} s virtual with {established:N0} "
                                 + $"ESTABLISHED sockets: the working set ({Numbers.Bytes(workingSet)}) passed the "
                                 + $"budget of {Numbers.Bytes(workingSetBudget)}";
                stop.Cancel();
            }
        }
        Spent += Stopwatch.GetElapsedTime(begin);
        SpentInGc += GC.GetTotalPauseDuration() - pauses;
        for (int g = 0; g < 3; g++) Collections[g] += GC.CollectionCount(g) - before[g];
    }
}
