using TcpSwarm.Simulation.Load;
using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Simulation.Engine;

/// <summary>The client group a host belongs to: its target, its connect() schedule and the session it plays.</summary>
internal sealed record ClientRole(int Group, ClientGroupSpec Spec, ServerSpec Target, ConnectSchedule Schedule,
    SessionPlan Plan);
