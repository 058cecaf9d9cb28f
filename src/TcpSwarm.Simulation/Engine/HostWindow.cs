namespace TcpSwarm.Simulation.Engine;

/// <summary>What a host's window produced for its partition: segments on their way to other hosts, and its own
/// wake-ups.</summary>
/// <remarks>Reused from window to window (Clear), so a steady window allocates nothing.</remarks>
public sealed class HostWindow
{
    /// <summary>Each delivered copy of a sent segment: its destination host, when it arrives, and its order
    /// key.</summary>
    public List<Arrival> Arrivals { get; } = [];
    /// <summary>This host's own events at or after the window's end (timers, connects, accept ticks).</summary>
    public List<HostEvent> Wakeups { get; } = [];

    public void Clear()
    {
        Arrivals.Clear();
        Wakeups.Clear();
    }
}

/// <summary>A segment due at a host: where, when, and the sender's order key.</summary>
public readonly record struct Arrival(uint To, HostEvent Event);

/// <summary>The work one endpoint gets in a window, and where it writes what it did.</summary>
public sealed class EndpointWork
{
    public int Slot;
    public List<EndpointInput> Inputs { get; } = [];

    /// <summary>The connection a Connect or Admit input of this round starts (a slot starts at most one a round).
    /// </summary>
    public EndpointStart Start;
    public EndpointOutput Output { get; } = new();

    /// <summary>The endpoint's socket and session, handed to the grain that runs it when it comes back from being
    /// parked, or back from it when it parks.</summary>
    public EndpointRuntime? Runtime { get; set; }

    /// <summary>No inputs: the endpoint is to hand its runtime back and its grain to deactivate, being idle.</summary>
    public bool Park { get; set; }
}

/// <summary>Runs a host's endpoints for one round of a window: directly, or as calls to their grains.</summary>
public interface IEndpointInvoker
{
    /// <summary>Each work item's inputs go to the endpoint in its slot, which fills the item's output.</summary>
    ValueTask RunAsync(uint host, IReadOnlyList<EndpointWork> work);
}
