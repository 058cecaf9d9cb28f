using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace TcpSwarm.Cli.Bench;

/// <summary>What the bench ran on: its figures mean little without the cores, memory, runtime, GC and load.</summary>
/// <param name="LoadAverage">The 1-minute load average (/proc/loadavg) when read; -1 where there is none.</param>
internal sealed record MachineFacts(
    int Cores, long MemoryBytes, string Dotnet, string Os, string GcMode, bool GcConcurrent, double LoadAverage)
{
    public static MachineFacts Current() => new(Environment.ProcessorCount,
        GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription, GCSettings.IsServerGC ? "server" : "workstation",
        AppContext.TryGetSwitch("System.GC.Concurrent", out bool concurrent) ? concurrent : true, LoadAverageNow());

    /// <summary>The 1-minute load average, or -1 where /proc/loadavg cannot be read.</summary>
    public static double LoadAverageNow()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return -1;
        }
    }
}
