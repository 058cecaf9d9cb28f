using TcpSwarm.Simulation.Load;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Tests.Load;

/// <summary>Every connect() instant a client group's addresses make, by walking each address's schedule.</summary>
internal static class Arrivals
{
    /// <summary>Each address's instants in order, one entry per connect() (a burst share repeats its instant).
    /// </summary>
    public static List<long>[] PerAddress(ClientGroupSpec group, ulong seed = 42)
    {
        var all = new List<long>[group.Addresses.Count];
        for (int i = 0; i < all.Length; i++)
        {
            var schedule = ConnectSchedule.For(group, i, seed);
            all[i] = [];
            for (var at = schedule.Next(new Instant(-1), out int connects); at != Instant.Never;
                 at = schedule.Next(at, out connects))
            {
                Assert.InRange(connects, 1, int.MaxValue);
                for (int c = 0; c < connects; c++) all[i].Add(at.Nanoseconds);
            }
        }
        return all;
    }

    /// <summary>The group's instants, all addresses merged, in time order.</summary>
    public static List<long> Merged(ClientGroupSpec group, ulong seed = 42)
    {
        var merged = PerAddress(group, seed).SelectMany(a => a).ToList();
        merged.Sort();
        return merged;
    }

    /// <summary>The gaps between consecutive instants, in ns.</summary>
    public static List<double> Gaps(IReadOnlyList<long> instants)
    {
        var gaps = new List<double>(instants.Count);
        for (int i = 1; i < instants.Count; i++) gaps.Add(instants[i] - instants[i - 1]);
        return gaps;
    }

    public static long Ns(double seconds) => (long)Math.Round(seconds * 1e9);
}
