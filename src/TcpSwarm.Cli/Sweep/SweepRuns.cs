using TcpSwarm.Cli.Output;
using TcpSwarm.Cli.Report;
using TcpSwarm.Cli.Trace;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Sweep;

/// <summary>Runs a sweep's points, several at once, each on its own embedded silo, and writes each run folder as
/// `run` writes it. Each run is determined by its scenario and seed alone, so the order they finish in changes no
/// file.</summary>
internal static class SweepRuns
{
    /// <summary>Runs every point not yet cancelled; returns which completed.</summary>
    public static async Task<bool[]> RunAllAsync(SweepPlan plan, string folder, IReadOnlyList<string> arguments,
        CliEnvironment env, CancellationToken cancellation)
    {
        var points = plan.Grid.Points;
        var done = new bool[points.Count];
        int finished = 0;
        var gate = new Lock();
        using var slots = new SemaphoreSlim(plan.Parallel);
        var tasks = new List<Task>();
        for (int i = 0; i < points.Count; i++)
        {
            int index = i;
            await slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            if (cancellation.IsCancellationRequested)
            {
                slots.Release();
                break;
            }
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    var report = await RunOne(plan.Scenarios[index], Path.Combine(folder, points[index].RunFolder),
                        arguments, env, cancellation).ConfigureAwait(false);
                    lock (gate)
                    {
                        done[index] = report.Status == RunStatus.Completed;
                        finished++;
                        env.Out.WriteLine($"[{finished}/{points.Count}] {points[index].RunFolder}: "
                                          + $"{RunDocument.StatusName(report.Status)}, {report.Summary.Attempts:N0} "
                                          + $"attempts, {report.Summary.Outcomes.Completed:N0} completed "
                                          + $"({report.Wall.TotalSeconds:0.0} s)");
                    }
                }
                finally
                {
                    slots.Release();
                }
            }, CancellationToken.None));
        }
        await Task.WhenAll(tasks).ConfigureAwait(false);
        return done;
    }

    private static async Task<RunReport> RunOne(Scenario scenario, string folder, IReadOnlyList<string> arguments,
        CliEnvironment env, CancellationToken cancellation)
    {
        var runner = env.Runners(null)
                     ?? throw new InvalidOperationException("the scenario runner is not part of this build");
        try
        {
            var startedAt = env.Clock.GetUtcNow();
            var report = await runner.RunAsync(scenario, null, cancellation).ConfigureAwait(false);
            Directory.CreateDirectory(folder);
            RunFiles.Write(folder, report.Summary, RunDocument.Of(report, startedAt, arguments,
                MachineDocument.Current()));
            RunFiles.WriteTimeSeries(folder, scenario, report.Samples);
            TraceFiles.Write(folder, scenario, report.Trace);
            ReportFiles.Rebuild(folder);
            return report;
        }
        finally
        {
            switch (runner)
            {
                case IAsyncDisposable a: await a.DisposeAsync().ConfigureAwait(false); break;
                case IDisposable d: d.Dispose(); break;
            }
        }
    }
}
