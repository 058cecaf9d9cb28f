using System.Globalization;

namespace TcpSwarm.Grains;

/// <summary>Grain keys: "RUN/ADDRESS" for a host, "RUN/ADDRESS/SLOT" for an endpoint slot of that host.</summary>
/// <remarks>An endpoint key comes from its host's slot table, never from a segment's 4-tuple: nothing is guessed.</remarks>
public static class GrainKeys
{
    public static string Host(string run, uint address) =>
        string.Create(CultureInfo.InvariantCulture, $"{run}/{address}");

    public static string Endpoint(string run, uint address, int slot) =>
        string.Create(CultureInfo.InvariantCulture, $"{run}/{address}/{slot}");

    public static (string Run, uint Address, int Slot) Parse(string key)
    {
        var parts = key.Split('/');
        return (parts[0], uint.Parse(parts[1], CultureInfo.InvariantCulture),
            parts.Length > 2 ? int.Parse(parts[2], CultureInfo.InvariantCulture) : -1);
    }
}
