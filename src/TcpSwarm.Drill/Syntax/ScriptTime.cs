namespace TcpSwarm.Drill.Syntax;

/// <summary>When an event happens: an absolute or relative time (µs), a range <c>a~b</c>, or <c>*</c> (any time).
/// </summary>
/// <param name="Usecs">The time, or the range's start.</param>
/// <param name="EndUsecs">The range's end (absolute, or relative to the same base when <c>EndRelative</c>).</param>
public sealed record ScriptTime(TimeKind Kind, long Usecs, long? EndUsecs = null, bool EndRelative = false)
{
    public bool IsRange => EndUsecs is not null;
}
