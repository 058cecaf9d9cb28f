using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Scenarios;

// accept: { workers: N, service: D or a distribution }: N workers, each busy for a service time per connection.
internal sealed partial class ScenarioReader
{
    /// <summary>A server's accept workers: 1 to a million.</summary>
    public const int MaxAcceptWorkers = 1_000_000;

    private AcceptSpec ReadAcceptWorkers(Fields m, int reusePort)
    {
        if (m.InFile("rate"))
        {
            Problem(m.KeyAt("rate"), m.Field("rate"),
                "rate and workers are two accept models; use either { rate: R } or { workers: N, service: D }");
            return new AcceptSpec.Immediate();
        }
        bool ok = TryReadRequired(m, "workers", Kinds.Int(1, MaxAcceptWorkers), "accept workers", out var workers);
        if (!m.InFile("service") && m.Override("service") is null)
        {
            Problem(m.At, m.Field("service"),
                "missing; accept workers need 'service', how long each connection occupies a worker: "
                + $"a duration such as 2ms, or {WaitDistributions}");
            return new AcceptSpec.Immediate();
        }
        if (ok && workers < reusePort)
        {
            Problem(WhereIs(m, "workers"), FieldOf(m, "workers"),
                $"{Kinds.N(workers)} workers cannot serve {Kinds.N(reusePort)} SO_REUSEPORT shards; "
                + $"use at least {Kinds.N(reusePort)} (the workers are spread over the shards)");
            ok = false;
        }
        var service = ReadDelay(m, "service", false, DelaySpec.Zero);
        if (!ok || service is not DelaySpec.After after) return new AcceptSpec.Immediate();
        return new AcceptSpec.Workers(workers, after.Distribution);
    }
}
