using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Grains.Wire;

/// <summary>What one step of a run's clock gave: the next sample, the end of the run, or the cluster's failure.
/// </summary>
/// <param name="Sample">The sample at the next sampling instant; null once the run has finished or failed.</param>
/// <param name="Failure">Why the run cannot go on (a silo lost), in words; null otherwise.</param>
/// <param name="LostSilo">The silo that was lost, when one was.</param>
/// <param name="Reached">The last sampling instant every partition reached; null when the process that started the run
/// accounts for a loss the clock could not report.</param>
[GenerateSerializer, Immutable, Alias("TcpSwarm.StepResult")]
public sealed record StepResult(
    [property: Id(0)] RunSample? Sample, [property: Id(1)] string? Failure, [property: Id(2)] string? LostSilo,
    [property: Id(3)] Instant? Reached);

/// <summary>A run's totals at its end: windows, events, what crossed between its silos, how often and how long a
/// partition waited for a peer, and what the clock's barriers cost.</summary>
[GenerateSerializer, Immutable, Alias("TcpSwarm.RunTotals")]
public sealed record RunTotals(
    [property: Id(0)] long Windows, [property: Id(1)] long Events, [property: Id(2)] long ExchangeMessages,
    [property: Id(3)] long ExchangeBytes, [property: Id(4)] int PeakWindowMessages,
    [property: Id(5)] long PeakWindowBytes, [property: Id(6)] RunSample? LastSample, [property: Id(7)] long Waits,
    [property: Id(8)] double[] RunSeconds, [property: Id(9)] double[] WaitSeconds,
    [property: Id(10)] double BarrierSeconds);
