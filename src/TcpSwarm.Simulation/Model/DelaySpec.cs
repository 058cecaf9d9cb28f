namespace TcpSwarm.Simulation.Model;

/// <summary>How long an application waits before it acts: a duration or a distribution of them (0 allowed), or
/// never.</summary>
/// <remarks>Used for what an application does late or not at all: closing a connection (close_after,
/// passive_close_after) and serving one it accepted (accept workers' service time). Draws are deterministic from the
/// seed (<see cref="Load.DelayDraw"/>).</remarks>
public abstract record DelaySpec
{
    private DelaySpec()
    {
    }

    /// <summary>At once: no wait.</summary>
    public static DelaySpec Zero { get; } = new After(new LatencySpec.Fixed(TimeSpan.Zero));

    /// <summary>A wait drawn from Distribution; a distribution's min may be 0 here (it is no latency floor).</summary>
    public sealed record After(LatencySpec Distribution) : DelaySpec;

    /// <summary>The application never does it.</summary>
    public sealed record Never : DelaySpec;

    /// <summary>True for a fixed 0: the action is taken at the same instant, as before these fields existed.</summary>
    public bool IsZero => this is After { Distribution: LatencySpec.Fixed { Delay.Ticks: 0 } };

    /// <summary>The distribution's mean; null for never.</summary>
    public TimeSpan? Mean => this switch
    {
        After { Distribution: LatencySpec.Fixed f } => f.Delay,
        After { Distribution: LatencySpec.Uniform u } => (u.Min + u.Max) / 2,
        After { Distribution: LatencySpec.Normal n } => n.Mean,
        After { Distribution: LatencySpec.Exponential e } => e.Mean,
        _ => null,
    };
}
