namespace TcpSwarm.Simulation.Model;

/// <summary>Client hosts opening connections to one server: who, how often, and what each session does.</summary>
/// <param name="Name">Unique among servers, client groups and attackers; [a-z][a-z0-9_-]*.</param>
/// <param name="Addresses">The group's hosts, one per address (1 to 65,536); each host has its own ephemeral ports,
/// TIME_WAIT table and tcp_max_tw_buckets. Connections take the addresses in turn (round-robin).</param>
/// <param name="Target">The name of the server every connection of the group goes to.</param>
/// <param name="Arrivals">When connections are opened (connect() calls), for the group as a whole.</param>
/// <param name="Session">What each connection does once open.</param>
/// <param name="Start">The group opens connections from Start (inclusive)...</param>
/// <param name="Stop">...to Stop (exclusive); 0 &lt;= Start &lt; Stop &lt;= the run's duration. Connections
/// already open at Stop carry on.</param>
public sealed record ClientGroupSpec(
    string Name,
    AddressSet Addresses,
    string Target,
    ArrivalSpec Arrivals,
    SessionSpec Session,
    TimeSpan Start,
    TimeSpan Stop);
