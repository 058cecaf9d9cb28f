namespace TcpSwarm.Grains;

/// <summary>Work handed by reference to a grain of the same silo, which works on it in place (fills its output) and
/// then says so through <see cref="Done"/>: the caller's object, not a copy, and the callee's to change until then.
/// </summary>
/// <remarks>
/// Safe because the caller and callee always share a silo (a host's grains and its endpoints' are placed with their
/// partition, <see cref="RunPlacementDirector"/>), and the caller does not touch the work between the one-way call and
/// the callee's <see cref="Done"/>, which it awaits through its <see cref="OneWayRound"/>. Should a call carrying a
/// handover ever have to leave the silo, its codec stops it with a clear message instead of copying it silently.
/// </remarks>
[Alias("TcpSwarm.Handover`1")]
public readonly struct Handover<T>(T work, OneWayRound round) where T : class
{
    /// <summary>The work, by reference.</summary>
    public T Work { get; } = work;

    /// <summary>Tells the caller that the work has run (or failed: it throws the exception).</summary>
    public void Done(Exception? failure) => round.Done(failure);
}
