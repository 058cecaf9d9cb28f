using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Output;

/// <summary>summary.json: only what the scenario and seed determine (docs/outputs.md), so one seed gives one file.
/// </summary>
internal sealed record SummaryDocument(string Scenario, ulong Seed, string Profile, double VirtualSeconds,
    long Attempts, OutcomesDocument Outcomes, NamedMap<ServerDocument> Servers, NamedMap<ClientDocument> Clients,
    NamedMap<AttackerDocument> Attackers, HandshakeDocument Handshake, LifetimeDocument Lifetime,
    IReadOnlyList<EventDocument> Events)
{
    public static SummaryDocument Of(RunSummary s) => new(s.Scenario, s.Seed, s.Profile, s.VirtualSeconds,
        s.Attempts, OutcomesDocument.Of(s.Outcomes),
        Map(s.Servers, v => v.Name, v => new ServerDocument(v.Admitted, v.Accepted, v.PeakSynQueue, v.SynQueueLimit,
            v.SynQueueEffectiveLimit, v.PeakAcceptQueue, v.AcceptQueueLimit, v.PeakTimeWait, DropsDocument.Of(v.Drops),
            v.CookiesSent, HandshakeDocument.Of(v.Handshake), LifetimeDocument.Of(v.Lifetime),
            new NamedMap<long>(v.Counters))),
        Map(s.Clients, v => v.Name, v => new ClientDocument(v.Target, v.Attempts, OutcomesDocument.Of(v.Outcomes),
            v.PeakTimeWait, v.PeakPortsInUse, HandshakeDocument.Of(v.Handshake), LifetimeDocument.Of(v.Lifetime),
            new NamedMap<long>(v.Counters))),
        Map(s.Attackers, v => v.Name, v => new AttackerDocument(v.Target, v.SpoofedSyns, v.Lost)),
        HandshakeDocument.Of(s.Handshake), LifetimeDocument.Of(s.Lifetime), [.. s.Events.Select(EventDocument.Of)]);

    private static NamedMap<TDoc> Map<TItem, TDoc>(IReadOnlyList<TItem> items, Func<TItem, string> name,
        Func<TItem, TDoc> document) =>
        new(items.Select(i => new KeyValuePair<string, TDoc>(name(i), document(i))).ToList());
}
