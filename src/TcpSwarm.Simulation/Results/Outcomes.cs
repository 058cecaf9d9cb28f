namespace TcpSwarm.Simulation.Results;

/// <summary>How connection attempts ended (docs/outputs.md): every attempt lands in exactly one bucket.</summary>
public sealed record Outcomes(long Completed, long Refused, long Reset, long TimedOut, long PortExhausted, long Open)
{
    public static readonly Outcomes None = new(0, 0, 0, 0, 0, 0);

    public long Total => Completed + Refused + Reset + TimedOut + PortExhausted + Open;

    public static Outcomes operator +(Outcomes a, Outcomes b) => new(a.Completed + b.Completed, a.Refused + b.Refused,
        a.Reset + b.Reset, a.TimedOut + b.TimedOut, a.PortExhausted + b.PortExhausted, a.Open + b.Open);
}
