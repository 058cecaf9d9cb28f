using Spectre.Console;
using Spectre.Console.Rendering;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Display;

/// <summary>The live view on a terminal: the latest progress snapshot redrawn four times a wall second.</summary>
/// <remarks>The runner reports from its own threads; the view keeps only the latest snapshot and draws on its own
/// loop, so a slow terminal never slows the simulation.</remarks>
internal sealed class LiveView(Scenario scenario, Interruption interruption, TimeProvider clock)
    : IProgress<RunProgress>
{
    private static readonly TimeSpan Redraw = TimeSpan.FromMilliseconds(250);
    private const int MostListeners = 12;
    private readonly RateMeter _rates = new(clock);
    private RunProgress? _latest;

    public void Report(RunProgress value) => Volatile.Write(ref _latest, value);

    /// <summary>Draws until the run ends, then leaves its last frame on the screen.</summary>
    public async Task<RunReport> ShowAsync(IAnsiConsole console, Task<RunReport> run)
    {
        await console.Live(Frame(console)).AutoClear(false).Overflow(VerticalOverflow.Ellipsis)
            .Cropping(VerticalOverflowCropping.Bottom)
            .StartAsync(async context =>
            {
                while (!run.IsCompleted)
                {
                    context.UpdateTarget(Frame(console));
                    context.Refresh();
                    await Task.WhenAny(run, Task.Delay(Redraw, clock)).ConfigureAwait(false);
                }
                context.UpdateTarget(Frame(console));
                context.Refresh();
            }).ConfigureAwait(false);
        return await run.ConfigureAwait(false);
    }

    /// <summary>One frame from the latest snapshot.</summary>
    public IRenderable Frame(IAnsiConsole console)
    {
        var p = Volatile.Read(ref _latest);
        var lines = new List<IRenderable>
        {
            new Markup($"[bold]{Markup.Escape(scenario.Name)}[/] seed {scenario.Seed}, "
                       + $"{Markup.Escape(scenario.Profile.Name)}, speed {Markup.Escape(scenario.Speed.ToString())}"),
        };
        if (interruption.Requested)
            lines.Add(new Markup("[yellow]interrupted: stopping at the last completed window, then writing the "
                                 + "results (a further Ctrl-C does not stop that)[/]"));
        if (p is null)
        {
            lines.Add(new Markup("[grey]starting...[/]"));
            return new Rows(lines);
        }

        _rates.Sample(p.Windows, p.Events);
        lines.Add(new Markup(Bar(p, console.Profile.Capabilities.Unicode)));
        lines.Add(new Markup($"{_rates.WallTime(p.VirtualTime, p.Duration)}   "
                             + $"speed {Numbers.Fixed(p.Speed, 2)} virtual s per wall s   "
                             + $"windows/s {Numbers.Rate(_rates.WindowsPerSecond)}   "
                             + $"events/s {Numbers.Rate(_rates.EventsPerSecond)}   "
                             + $"TIME_WAIT {Numbers.Count(p.TimeWait)}   ports in use {Numbers.Count(p.PortsInUse)}"));
        lines.Add(new Columns(States(p), Outcomes(p), Drops(p)) { Expand = false });
        lines.Add(Listeners(p));
        return new Rows(lines);
    }

    private static string Bar(RunProgress p, bool unicode)
    {
        const int Width = 40;
        var fraction = p.Duration > TimeSpan.Zero ? Math.Clamp(p.VirtualTime / p.Duration, 0, 1) : 0;
        var filled = (int)Math.Round(fraction * Width);
        var (full, empty) = unicode ? ('\u2588', '\u2591') : ('#', '-');
        return $"virtual {Numbers.Seconds(p.VirtualTime.TotalSeconds)} / {Numbers.Seconds(p.Duration.TotalSeconds)} "
               + $"[green]{new string(full, filled)}[/][grey]{new string(empty, Width - filled)}[/] "
               + Numbers.Fixed(100 * fraction, 1) + "%";
    }

    private static Table States(RunProgress p)
    {
        var table = Compact("state", "sockets");
        for (var i = 0; i < p.StateCounts.Count; i++)
            table.AddRow(StateNames.At(i), Numbers.Count(p.StateCounts[i]));
        return table;
    }

    private static Table Outcomes(RunProgress p)
    {
        var o = p.Outcomes;
        var table = Compact("outcome", "count", "share");
        table.AddRow("attempts", Numbers.Count(p.Attempts), "");
        foreach (var (name, count) in (ReadOnlySpan<(string, long)>)
                 [
                     ("completed", o.Completed), ("refused", o.Refused), ("reset", o.Reset),
                     ("timed_out", o.TimedOut), ("port_exhausted", o.PortExhausted), ("open", o.Open),
                 ])
            table.AddRow(name, Numbers.Count(count), Numbers.Share(count, p.Attempts));
        return table;
    }

    private static Table Drops(RunProgress p)
    {
        var table = Compact("drops by reason", "count");
        foreach (var (reason, count) in p.Drops) table.AddRow(Markup.Escape(reason), Numbers.Count(count));
        if (p.Drops.Count == 0) table.AddRow("[grey]none[/]", "");
        if (p.CookiesSent > 0) table.AddRow("[grey]cookies sent (not drops)[/]", Numbers.Count(p.CookiesSent));
        return table;
    }

    private static Table Listeners(RunProgress p)
    {
        var table = Compact("listener", "SYN queue", "limit", "accept queue", "limit");
        var sharded = p.Listeners.Where(l => l.Shard > 0).Select(l => l.Server).ToHashSet(StringComparer.Ordinal);
        foreach (var l in p.Listeners.Take(MostListeners))
            table.AddRow(Markup.Escape(sharded.Contains(l.Server) ? $"{l.Server}#{l.Shard}" : l.Server),
                Numbers.Count(l.SynQueue), SynLimit(l), Numbers.Count(l.AcceptQueue),
                Numbers.Count(l.AcceptQueueLimit));
        if (p.Listeners.Count > MostListeners)
            table.AddRow($"[grey]... {p.Listeners.Count - MostListeners} more[/]", "", "", "", "");
        return table;
    }

    // With cookies off, unproven peers meet a lower limit (tcp_max_syn_backlog's last quarter is kept): both shown.
    private static string SynLimit(ListenerGauge l) => l.SynQueueEffectiveLimit == l.SynQueueLimit
        ? Numbers.Count(l.SynQueueLimit)
        : $"{Numbers.Count(l.SynQueueEffectiveLimit)} of {Numbers.Count(l.SynQueueLimit)}";

    private static Table Compact(string first, params string[] figures)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumn(new TableColumn(first));
        foreach (var figure in figures) table.AddColumn(new TableColumn(figure).RightAligned());
        return table;
    }
}
