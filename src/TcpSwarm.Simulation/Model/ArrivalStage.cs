namespace TcpSwarm.Simulation.Model;

/// <summary>One stage of <see cref="ArrivalSpec.Stages"/>: the rate goes linearly from the previous stage's end rate
/// to ToPerSecond over Over (a hold keeps the previous rate).</summary>
/// <param name="ToPerSecond">The rate at the stage's end, 0 or more.</param>
/// <param name="Over">The stage's length, 0 (a jump) or more.</param>
/// <param name="Hold">True when the file said { hold: D } (ToPerSecond is then the previous rate).</param>
public sealed record ArrivalStage(double ToPerSecond, TimeSpan Over, bool Hold = false);
