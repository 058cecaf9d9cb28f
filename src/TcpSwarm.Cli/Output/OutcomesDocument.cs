using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Output;

/// <summary>summary.json's outcomes: exactly the six buckets of docs/outputs.md, in that order, no total.</summary>
internal sealed record OutcomesDocument(long Completed, long Refused, long Reset, long TimedOut, long PortExhausted,
    long Open)
{
    public static OutcomesDocument Of(Outcomes o) =>
        new(o.Completed, o.Refused, o.Reset, o.TimedOut, o.PortExhausted, o.Open);
}
