using System.Text.Json.Serialization;

namespace TcpSwarm.Cli.Bench;

/// <summary>The bench's JSON (--json FILE): the headline figures first under fixed snake_case keys, then the machine,
/// the repetitions, the targets and every workload's and table's details. Null marks a figure not measured.</summary>
internal sealed record BenchDocument(
    [property: JsonPropertyName("baseline_msgs_per_s")] double? BaselineMsgsPerS,
    [property: JsonPropertyName("baseline_activations_per_s")] double? BaselineActivationsPerS,
    [property: JsonPropertyName("segments_per_s")] double? SegmentsPerS,
    [property: JsonPropertyName("lifecycles_per_s")] double? LifecyclesPerS,
    [property: JsonPropertyName("bytes_per_established_connection")] double? BytesPerEstablishedConnection,
    [property: JsonPropertyName("bytes_per_syn_rcvd_entry")] double? BytesPerSynRcvdEntry,
    [property: JsonPropertyName("bytes_per_time_wait_entry")] double? BytesPerTimeWaitEntry,
    [property: JsonPropertyName("flood_wall_s_per_60_virtual_s")] double? FloodWallSPer60VirtualS,
    bool Quick,
    IReadOnlyList<string> Parts,
    string StartedAt,
    string TcpswarmVersion,
    BenchDocument.MachineSection Machine,
    BenchDocument.RepetitionsSection Repetitions,
    IReadOnlyList<BenchDocument.TargetSection> Targets,
    BenchDocument.BaselineSection Baseline,
    IReadOnlyList<BenchDocument.WorkloadSection> Workloads,
    BenchDocument.RampSection? Ramp,
    IReadOnlyList<BenchDocument.TableSection> Tables,
    IReadOnlyList<string> Failures)
{
    /// <param name="LoadAverageStart">The 1-minute load average when the bench began (-1: unknown).</param>
    internal sealed record MachineSection(int Cores, long MemoryBytes, string Dotnet, string Os, string GcMode,
        bool GcConcurrent, double LoadAverageStart, double LoadAverageEnd);

    /// <summary>How many times each figure was measured; the headline figures are medians over these.</summary>
    internal sealed record RepetitionsSection(int BaselineRounds, int WorkloadRuns, int RampRuns, int TableFills);

    internal sealed record TargetSection(string Key, string Ratio, double? Figure, double? Value, string Target,
        string Verdict);

    /// <summary>The Orleans baseline: each round's figure, and how it was measured.</summary>
    internal sealed record BaselineSection(int RingGrains, int RingTokens, int RingHopsPerToken,
        IReadOnlyList<double> RingMsgsPerS, int ActivationsPerRound, int ActivationCallsInFlight,
        IReadOnlyList<double> ActivationsPerS);

    /// <summary>A repeated workload: medians over its runs, then each run.</summary>
    /// <param name="FirstRunWallS">The first run's wall time: the process's code still cold (JIT), as a one-off
    /// `tcpswarm run` meets it.</param>
    internal sealed record WorkloadSection(string Name, string What, int Runs, double? FirstRunWallS, double? WallS,
        double? VirtualS,
        double? Events, double? Windows, double? EventsPerS, double? EventsPerSPerBaselineMsgPerS,
        double? WallSPerVirtualS, double? GcPauseS, double? Figure, string FigureUnit,
        IReadOnlyList<RunSection> EachRun);

    /// <param name="GcCollections">Collections of generation 0, 1 and 2 during the run.</param>
    internal sealed record RunSection(double WallS, double VirtualS, long Events, long Windows, double GcPauseS,
        IReadOnlyList<int> GcCollections, double Figure);

    /// <summary>The ramp: its run, and its memory idle and holding, managed heap and working set.</summary>
    internal sealed record RampSection(string What, double WallS, double VirtualS, long Events, long Windows,
        double EventsPerS, double WallSPerVirtualS, double GcPauseS, IReadOnlyList<int> GcCollections,
        double ReadAtVirtualS, long ClientEstablished,
        long ServerEstablished, long IdleManagedBytes, long IdleWorkingSetBytes, long HeldManagedBytes,
        long HeldWorkingSetBytes, double? ManagedBytesPerConnection, double? WorkingSetBytesPerConnection,
        bool BothSidesCounted, string? StoppedBecause, long PeakWorkingSetBytes);

    /// <summary>One table's fills: entries asked, held, bytes each (managed heap delta after a full GC ÷ entries).
    /// </summary>
    internal sealed record TableSection(string Table, int Entries, IReadOnlyList<int> Held,
        IReadOnlyList<double?> BytesPerEntry, double? MedianBytesPerEntry, int QueuedTimerBytesNotCounted);
}
