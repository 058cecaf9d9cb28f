using BenchmarkDotNet.Attributes;
using TcpSwarm.Tcp;

namespace TcpSwarm.Benchmarks;

/// <summary>connect()'s port choice (Host.TryConnect over EphemeralPorts, as __inet_hash_connect scans): one
/// connect() and its close, with the destination's 28,232 ports nearly free, nearly all taken, or all taken.</summary>
/// <remarks>Near exhaustion 16 ports are left, so the scan walks most of the range; exhausted, connect() fails
/// with EADDRNOTAVAIL at once (every port held, no TIME_WAIT to take over).</remarks>
[MemoryDiagnoser]
[QuickJob]
[MedianColumn]
public class PortBenchmarks
{
    private const uint Host = 0x0A00_0001, Server = 0x0A01_0001;
    private const int LeftFree = 16;
    private Host _empty = null!, _nearlyFull = null!, _full = null!;
    private readonly Instant _now = Instant.FromSeconds(1);

    [GlobalSetup]
    public void Setup()
    {
        var profile = TcpProfile.Default;
        _empty = new Host(Host, profile, seed: 1);
        _nearlyFull = Filled(profile, profile.EphemeralPortCount - LeftFree);
        _full = Filled(profile, profile.EphemeralPortCount);
    }

    private Host Filled(TcpProfile profile, int connections)
    {
        var host = new Host(Host, profile, seed: 1);
        for (int i = 0; i < connections; i++)
            if (!host.TryConnect(Server, 80, _now, out _)) throw new InvalidOperationException($"port {i} ran out");
        return host;
    }

    [Benchmark(Baseline = true, Description = "connect() + close, ports nearly free")]
    public bool NearlyFree() => ConnectAndClose(_empty);

    [Benchmark(Description = "connect() + close, 16 of 28,232 ports free")]
    public bool NearExhaustion() => ConnectAndClose(_nearlyFull);

    [Benchmark(Description = "connect() refused, every port taken")]
    public bool Exhausted() => _full.TryConnect(Server, 80, _now, out _);

    private bool ConnectAndClose(Host host)
    {
        if (!host.TryConnect(Server, 80, _now, out var open)) return false;
        host.Release(open.Tuple, cleanClose: true);
        return true;
    }
}
