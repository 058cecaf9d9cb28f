namespace TcpSwarm.Silo.Metrics;

/// <summary>The metrics cannot be served where the options say (a port in use, a foreign address): the user's
/// mistake, reported with the option it names and exit code 2.</summary>
/// <param name="option">The option at fault, without its dashes: metrics-port or metrics-address.</param>
public sealed class MetricsEndpointException(string option, string message) : Exception(message)
{
    public string Option { get; } = option;
}
