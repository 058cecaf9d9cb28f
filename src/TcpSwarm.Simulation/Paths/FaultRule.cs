using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Paths;

/// <summary>One scheduled fault as it bears on one route: its window in ns, the directions and the kinds it takes.
/// </summary>
/// <param name="FromNs">Active from here (inclusive)...</param>
/// <param name="UntilNs">...to here (exclusive), in virtual ns: the segment's send instant is what is judged.</param>
/// <param name="Directions">Toward the server, from it, or both.</param>
/// <param name="Drop">The drop fault whose kinds select segments; null for a black hole or partition (everything).
/// </param>
internal readonly record struct FaultRule(long FromNs, long UntilNs, RouteDirections Directions, FaultSpec.Drop? Drop)
{
    public bool Takes(RouteDirections direction, in Segment seg, long sentNs) =>
        (Directions & direction) != 0 && sentNs >= FromNs && sentNs < UntilNs
        && (Drop is null || Drop.Matches(seg.Flags, seg.Length));
}
