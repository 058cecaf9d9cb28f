namespace TcpSwarm.Simulation.Model;

/// <summary>A SYN flood: SYNs with spoofed source addresses that never answer, sent to one server.</summary>
/// <remarks>Not an endpoint: a spoofed SYN is a message to a listener, and the SYN-ACKs go to nobody. Spoofed SYNs
/// are not connection attempts and are counted apart (docs/outputs.md).</remarks>
/// <param name="Name">Unique among servers, client groups and attackers; [a-z][a-z0-9_-]*.</param>
/// <param name="Target">The name of the server flooded.</param>
/// <param name="SpoofedFrom">Source addresses, each SYN's drawn uniformly from the range (1 to 16,777,216), with a
/// source port drawn uniformly from 1024 to 65535.</param>
/// <param name="SynRatePerSecond">SYNs per second, above 0, sent as a Poisson process.</param>
/// <param name="Start">The flood runs from Start (inclusive)...</param>
/// <param name="Stop">...to Stop (exclusive); 0 &lt;= Start &lt; Stop &lt;= the run's duration.</param>
public sealed record AttackerSpec(
    string Name,
    string Target,
    AddressRange SpoofedFrom,
    double SynRatePerSecond,
    TimeSpan Start,
    TimeSpan Stop);
