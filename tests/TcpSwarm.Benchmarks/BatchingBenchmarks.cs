using BenchmarkDotNet.Attributes;
using TcpSwarm.Scenarios;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Paths;
using TcpSwarm.Tcp;

namespace TcpSwarm.Benchmarks;

/// <summary>A window's events into per-host batches: HostPartition's own loop (pop each event due before the
/// window's end, find its host's batch, hand the batches out in address order, clear them), with hosts that do
/// nothing, for 5,000 arrivals spread over 256 hosts in one 5 ms window.</summary>
/// <remarks>The baseline pushes and pops the same events through a bare heap of the same element: the ratio is
/// what batching (and the window's own books) add to the queue work.</remarks>
[MemoryDiagnoser]
[QuickJob]
[MedianColumn]
public class BatchingBenchmarks
{
    private const int Events = 5_000, Hosts = 256;
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(5);
    private HostPartition _partition = null!;
    private readonly PriorityQueue<(uint Host, HostEvent Event), long> _bare = new(Events);
    private Instant _windowStart = Instant.FromSeconds(1);

    [GlobalSetup]
    public void Setup()
    {
        // The clients connect once, near the end of a day: until then the partition holds only what is injected.
        const string yaml = """
            seed: 1
            duration: 24h
            servers:
              - { name: web, address: 10.1.0.1, port: 80 }
            clients:
              - { name: hosts, addresses: 10.0.0.0/24, target: web, arrivals: { constant: 1/h }, start: 23h }
            paths:
              - { from: hosts, to: web, latency: { fixed: 5ms } }
            """;
        var scenario = ScenarioLoader.LoadFromText("batching.yaml", yaml).Scenario
                       ?? throw new InvalidOperationException("the batching scenario is refused");
        var map = new PartitionMap(scenario, 1);
        _partition = new HostPartition(scenario, new Network(scenario), map, 0);
    }

    [Benchmark(Baseline = true, Description = "push + pop 5,000 events, bare heap")]
    public long BareHeap()
    {
        for (int i = 0; i < Events; i++)
        {
            var (host, seg, at) = Arrival(i);
            _bare.Enqueue((host, new HostEvent(HostEventKind.Arrival, at, ulong.MaxValue, i, seg)), at.Nanoseconds);
        }
        long handled = 0;
        while (_bare.TryDequeue(out _, out _)) handled++;
        _windowStart += Window;
        return handled;
    }

    [Benchmark(Description = "push 5,000 events, run the window: batches for 256 hosts")]
    public long Batching()
    {
        for (int i = 0; i < Events; i++)
        {
            var (_, seg, at) = Arrival(i);
            _partition.Inject(in seg, at);
        }
        _windowStart += Window;
        // The hosts stay idle: nothing to run, nothing sent. One partition: every host is an inner one.
        _partition.BeginWindow(PartitionStep.Window(_windowStart, HostTrack.Inner));
        _partition.CollectOutputs();
        return _partition.EndLeg(reached: true).Events;
    }

    private (uint Host, Segment Segment, Instant At) Arrival(int i)
    {
        uint host = 0x0A00_0000 + (uint)(i * 7 % Hosts);
        var seg = new Segment(0x0A01_0001, 80, host, (ushort)(40_000 + i % 1000), new SeqNum((uint)i),
            new SeqNum(1), TcpFlags.Ack, 502, 0);
        return (host, seg, _windowStart + TimeSpan.FromTicks(i * Window.Ticks / Events));
    }
}
