using System.Diagnostics.Metrics;

namespace TcpSwarm.Silo.Tests;

/// <summary>The embedded silo of `tcpswarm run` outlives the run and stops when its runner is disposed, so that
/// Orleans' meter is still there for the metrics' linger and their last push.</summary>
public sealed class EmbeddedRunnerTests
{
    [Fact]
    public async Task Orleans_meter_lives_after_the_run_and_ends_when_the_runner_is_disposed()
    {
        int published = 0, completed = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name != "Microsoft.Orleans") return;
            Interlocked.Increment(ref published);
            l.EnableMeasurementEvents(instrument);               // so that its end is reported below
        };
        listener.MeasurementsCompleted = (instrument, _) =>
        {
            if (instrument.Meter.Name == "Microsoft.Orleans") Interlocked.Increment(ref completed);
        };
        listener.Start();

        var runner = new EmbeddedRunner();
        var report = await runner.RunAsync(Runs.Load(Tiny), null, TestContext.Current.CancellationToken);
        Assert.Equal(TimeSpan.FromSeconds(2), report.Samples[^1].VirtualTime);
        Assert.True(Volatile.Read(ref published) > 0, "Orleans published no instrument");
        Assert.Equal(0, Volatile.Read(ref completed));            // the run is over, the silo (and its meter) is not

        await runner.DisposeAsync();
        Assert.True(Volatile.Read(ref completed) > 0, "the silo stopped but Orleans' meter did not end");
    }

    private const string Tiny = """
        # Does one client connect?
        seed: 1
        duration: 2s
        servers:
          - { name: web, address: 10.0.1.10, port: 80 }
        clients:
          - { name: c, addresses: 10.0.0.1, target: web, arrivals: { constant: 5/s } }
        paths:
          - { from: c, to: web, latency: { fixed: 1ms } }
        """;
}
