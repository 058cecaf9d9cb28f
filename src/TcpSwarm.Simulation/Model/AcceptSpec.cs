namespace TcpSwarm.Simulation.Model;

/// <summary>How a server's application takes connections from the accept queue: at once, at a rate, or never.</summary>
public abstract record AcceptSpec
{
    private AcceptSpec()
    {
    }

    /// <summary>accept() is always waiting: a connection leaves the accept queue the instant it is admitted.</summary>
    public sealed record Immediate : AcceptSpec;

    /// <summary>The application accepts one connection every 1/PerSecond, whenever the queue holds one.</summary>
    /// <param name="PerSecond">Above 0. Below the arrival rate, the accept queue fills and overflows.</param>
    public sealed record Rate(double PerSecond) : AcceptSpec;

    /// <summary>The application never calls accept(): the queue fills once and stays full.</summary>
    public sealed record Never : AcceptSpec;
}
