namespace TcpSwarm.Silo;

/// <summary>A port or address an option names cannot be listened on (in use, privileged, not this machine's): the
/// user's to change, reported with the option and exit code 2.</summary>
/// <param name="option">The option at fault, without its dashes: silo-port, gateway-port, metrics-port or
/// metrics-address.</param>
public sealed class EndpointOptionException(string option, string message) : Exception(message)
{
    public string Option { get; } = option;
}
