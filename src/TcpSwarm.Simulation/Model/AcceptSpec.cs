namespace TcpSwarm.Simulation.Model;

/// <summary>How a server's application takes connections from the accept queue: at once, at a rate, by workers, or
/// never.</summary>
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

    /// <summary>Count workers (nginx's worker processes, a thread pool): a free worker accepts at once, and each
    /// connection it accepts keeps it busy for a service time drawn from Service; the accept queue drains as workers
    /// free up, so bursts queue even when Count / mean service is above the mean arrival rate.</summary>
    /// <param name="Count">1 to 1,000,000; with SO_REUSEPORT, spread over the shards (each at least one).</param>
    /// <param name="Service">How long one accepted connection occupies its worker; never is refused.</param>
    public sealed record Workers(int Count, LatencySpec Service) : AcceptSpec;

    /// <summary>The application never calls accept(): the queue fills once and stays full.</summary>
    public sealed record Never : AcceptSpec;
}
