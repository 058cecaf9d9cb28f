using System.Globalization;

namespace TcpSwarm.Drill.Run;

// Script time (µs) written as packetdrill's logs write it: seconds with six decimals.
internal static class Seconds
{
    public static string Of(long usecs) => (usecs / 1e6).ToString("0.000000", CultureInfo.InvariantCulture);
}
