using System.Globalization;

namespace TcpSwarm.Grains;

/// <summary>Grain keys. A run's clock is "RUN|SILO" and a partition "RUN/pK|SILO", pinned to the silo they name; a
/// host is "RUN/ADDRESS" and an endpoint slot "RUN/ADDRESS/SLOT", placed on their partition's silo.</summary>
/// <remarks>An endpoint key comes from its host's slot table, never from a segment's 4-tuple: nothing is guessed.
/// Keys carry the run id, so a second run on a long-lived cluster never meets the first one's activations.</remarks>
public static class GrainKeys
{
    private const char SiloMark = '|';

    public static string RunClock(string run, string silo) => run + SiloMark + silo;

    public static string Partition(string run, int partition, string silo) =>
        string.Create(CultureInfo.InvariantCulture, $"{run}/p{partition}{SiloMark}{silo}");

    public static string Host(string run, uint address) =>
        string.Create(CultureInfo.InvariantCulture, $"{run}/{address}");

    public static string Endpoint(string run, uint address, int slot) =>
        string.Create(CultureInfo.InvariantCulture, $"{run}/{address}/{slot}");

    /// <summary>The silo a pinned key names (its parsable silo address), or null for a host or endpoint key.</summary>
    public static string? PinnedSilo(string key)
    {
        int mark = key.IndexOf(SiloMark, StringComparison.Ordinal);
        return mark < 0 ? null : key[(mark + 1)..];
    }

    /// <summary>The run, the partition and the silo of a partition key.</summary>
    public static (string Run, int Partition) ParsePartition(string key)
    {
        int mark = key.IndexOf(SiloMark, StringComparison.Ordinal);
        var head = key[..mark];
        int slash = head.LastIndexOf('/');
        return (head[..slash], int.Parse(head.AsSpan(slash + 2), CultureInfo.InvariantCulture));
    }

    /// <summary>The run of a clock key.</summary>
    public static string ParseRunClock(string key) => key[..key.IndexOf(SiloMark, StringComparison.Ordinal)];

    /// <summary>The run, the host address and the slot (−1 for a host) of a host or endpoint key.</summary>
    public static (string Run, uint Address, int Slot) Parse(string key)
    {
        var parts = key.Split('/');
        return (parts[0], uint.Parse(parts[1], CultureInfo.InvariantCulture),
            parts.Length > 2 ? int.Parse(parts[2], CultureInfo.InvariantCulture) : -1);
    }

    /// <summary>A run id is free of the separators the keys use.</summary>
    public static bool IsValidRunId(string run) =>
        run.Length > 0 && run.IndexOf('/', StringComparison.Ordinal) < 0
        && run.IndexOf(SiloMark, StringComparison.Ordinal) < 0;
}
