namespace TcpSwarm.Simulation.Engine;

/// <summary>The three things a partition can do next (<see cref="PartitionStep"/>).</summary>
public enum PartitionStepKind
{
    /// <summary>Run the next window: every arrival due in it is here.</summary>
    Window,

    /// <summary>Wait: a peer may still send something due in the next window.</summary>
    Wait,

    /// <summary>Nothing left before the target: every event and every arrival due before it has been handled.</summary>
    Reached,
}
