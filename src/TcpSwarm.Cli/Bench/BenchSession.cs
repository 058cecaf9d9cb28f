using TcpSwarm.Silo;
using TcpSwarm.Tcp;

namespace TcpSwarm.Cli.Bench;

/// <summary>One bench, in one process: the ramp on a fresh silo, then rounds of the Orleans baseline and the
/// repeated workloads (so that each round's ratios come from the same minute of the machine), then the tables.
/// </summary>
/// <remarks>A workload that fails is reported in words and left out of later rounds; the others go on.</remarks>
internal sealed class BenchSession(BenchPlan plan, TextWriter log, Func<bool> interrupted)
{
    public async Task<BenchResults> RunAsync()
    {
        var results = new BenchResults(plan, MachineFacts.Current());
        await using (var silo = await EmbeddedSilo.StartAsync(CancellationToken.None))
        {
            var runner = new WorkloadRunner(silo, log);
            await Attempt(results, "ramp", () => Ramp(runner, results));
            var baseline = new OrleansBaseline(silo.Grains, plan);
            BenchWorkload[] repeated =
            [
                BenchScenarios.Churn(plan.ChurnVirtualSeconds), BenchScenarios.Flood(plan.FloodVirtualSeconds),
                BenchScenarios.SynFloodFile(),
            ];
            for (int round = 0; round < plan.Rounds; round++)
            {
                string of = $"{round + 1}/{plan.Rounds}";
                await Attempt(results, "baseline_ring", async () =>
                {
                    results.RingMessagesPerSecond.Add(await baseline.RingAsync(round));
                    log.WriteLine($"bench: round {of}: ring {Numbers.Rate(results.RingMessagesPerSecond[^1])} msgs/s");
                });
                await Attempt(results, "baseline_activations", async () =>
                {
                    results.ActivationsPerSecond.Add(await baseline.ActivationsAsync(round));
                    log.WriteLine($"bench: round {of}: {Numbers.Rate(results.ActivationsPerSecond[^1])} activations/s");
                });
                if (plan.Measures("baseline")) await runner.CollectAsync();
                foreach (var workload in repeated)
                    await Attempt(results, workload.Name, async () =>
                    {
                        var run = await runner.RunAsync(workload);
                        results.Add(workload, run);
                        log.WriteLine($"bench: round {of}: {workload.Name} {Numbers.Fixed(run.WallSeconds, 2)} s wall, "
                                      + $"{Numbers.Rate(run.EventsPerSecond)} events/s");
                    });
            }
        }
        for (int rep = 0; rep < plan.TableRepetitions; rep++)
        {
            await Attempt(results, "syn_rcvd", () => Table(results, TableMemory.SynReceived));
            await Attempt(results, "time_wait", () => Table(results, TableMemory.TimeWait));
        }
        results.LoadAverageAtEnd = MachineFacts.LoadAverageNow();
        return results;
    }

    private async Task Ramp(WorkloadRunner runner, BenchResults results)
    {
        var workload = BenchScenarios.Ramp(plan.RampConnections);
        var duration = workload.Load().Duration;
        await runner.CollectAsync();
        var idle = HeapReading.Take();
        long budget = (long)(results.Machine.MemoryBytes * BenchPlan.RampMemoryShare);
        using var stop = new CancellationTokenSource();
        var probe = new RampProbe(duration, budget, stop);
        log.WriteLine($"bench: ramp to {plan.RampConnections:N0} ESTABLISHED connections ...");
        var run = await runner.RunAsync(workload, probe, stop.Token);
        if (probe.Reading is not { } held)
            throw new InvalidOperationException("the ramp ended without a sample to read its memory at");
        var sample = run.Report.Samples.Last(s => s.VirtualTime <= probe.ReadAt);
        long client = 0, server = 0;
        foreach (var h in sample.Hosts)
        {
            if (h.ClientGroup >= 0) client += h.States[(int)TcpState.Established];
            else server += h.States[(int)TcpState.Established];
        }
        results.Ramp = new RampResult(workload, run, idle, held, probe.ReadAt.TotalSeconds, client, server,
            probe.StoppedBecause, probe.PeakWorkingSet);
        log.WriteLine($"bench: ramp held {client:N0} connections in {Numbers.Fixed(run.WallSeconds, 1)} s wall, "
                      + $"{Numbers.Rate(results.Ramp.HeapBytesPerConnection)} B managed each");
    }

    private Task Table(BenchResults results, Func<int, TableFigure> fill)
    {
        var figure = fill(plan.TableEntries);
        results.Tables.Add(figure);
        log.WriteLine($"bench: {figure.Table}: {figure.Held:N0} of {figure.Entries:N0} entries held, "
                      + $"{Numbers.Fixed(figure.BytesPerEntry, 1)} B each");
        HeapReading.Take();
        return Task.CompletedTask;
    }

    // A workload that fails says so in one line and is not tried again; an out-of-memory run leaves garbage behind,
    // so the heap is collected before the next one.
    private async Task Attempt(BenchResults results, string name, Func<Task> measure)
    {
        if (results.Failed(name) || !plan.Measures(name) || interrupted()) return;
        try
        {
            await measure();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            string failure = $"{e.GetType().Name}: {Diagnostics.OneLine(e.Message)}";
            results.Failures.Add($"{name}: {failure}");
            log.WriteLine($"bench: {name} failed: {failure}");
            HeapReading.Take();
        }
    }
}
