using Spectre.Console;
using TcpSwarm.Cli.Display;
using TcpSwarm.Tcp;

namespace TcpSwarm.Cli.Tests;

public sealed class DisplayTests
{
    [Fact]
    public void Plain_progress_is_at_most_one_line_per_wall_second()
    {
        var clock = new ManualClock();
        var output = new StringWriter();
        var lines = new ProgressLines(output, clock);

        for (var i = 0; i < 10; i++)
        {
            lines.Report(Snapshots.At(TimeSpan.FromSeconds(i)));
            clock.Advance(TimeSpan.FromMilliseconds(300));
        }

        // At 0, 1.2, 2.4: the snapshots between are skipped, not queued.
        Assert.Equal(3, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void A_progress_line_says_where_the_run_is()
    {
        var clock = new ManualClock();
        var rates = new RateMeter(clock);
        clock.Advance(TimeSpan.FromSeconds(2));
        var snapshot = Snapshots.At(TimeSpan.FromSeconds(5));
        rates.Sample(snapshot.Windows, snapshot.Events);

        Assert.Equal("progress 5.0s/20.0s 25.0%  wall 2.0s, about 6.0s left  speed 4.50x  windows/s 500  "
                     + "events/s 250,000  sockets 2,222  "
                     + "attempts 1,000: completed 800, refused 0, reset 2, timed_out 5, port_exhausted 0, open 193  "
                     + "time_wait 950  ports 1,200  drops 15", ProgressLines.Line(snapshot, rates));
    }

    [Fact]
    public void The_time_left_is_the_rest_of_the_run_at_the_pace_so_far()
    {
        var clock = new ManualClock();
        var rates = new RateMeter(clock);

        var minute = TimeSpan.FromSeconds(60);

        Assert.Equal("wall 0.00s, time left unknown yet", rates.WallTime(TimeSpan.Zero, minute));
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("wall 30.0s, about 90.0s left", rates.WallTime(TimeSpan.FromSeconds(15), minute));
        Assert.Equal("wall 30.0s, about 0.00s left", rates.WallTime(minute, minute));
    }

    [Fact]
    public void A_rate_not_measured_yet_is_a_dash_not_a_zero()
    {
        var rates = new RateMeter(new ManualClock());
        var snapshot = Snapshots.At(TimeSpan.FromSeconds(5));
        rates.Sample(snapshot.Windows, snapshot.Events);

        Assert.Contains("windows/s -  events/s -", ProgressLines.Line(snapshot, rates), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_rfc_9293_state_has_its_name()
    {
        Assert.Equal(Enum.GetValues<TcpState>().Length, StateNames.ByState.Count);
        Assert.Equal("SYN_RCVD", StateNames.Of(TcpState.SynReceived));
        Assert.Equal("TIME_WAIT", StateNames.Of(TcpState.TimeWait));
    }

    [Fact]
    public void The_live_view_shows_states_queues_drops_and_outcomes()
    {
        var scenario = Scenarios.ScenarioLoader.Load(Repo.Load("quickstart.yaml")).Scenario!;
        using var interruption = new Interruption(TextWriter.Null);
        var view = new LiveView(scenario, interruption, new ManualClock());
        var (console, output) = Recording();

        console.Write(view.Frame(console));
        Assert.Contains("starting", output.ToString(), StringComparison.Ordinal);

        view.Report(Snapshots.At(TimeSpan.FromSeconds(5)));
        interruption.Request();
        console.Write(view.Frame(console));
        var text = output.ToString();
        foreach (var expected in (string[])["SYN_RCVD", "1,025", "TIME_WAIT", "TCPReqQFullDrop", "port_exhausted",
                     "25.0%", "accept queue", "interrupted"])
            Assert.Contains(expected, text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_as_spectre_tables_holds_the_same_figures_as_the_plain_text()
    {
        var sections = SummaryTables.Sections(Summaries.Example());
        var (console, output) = Recording();
        var plain = new StringWriter();

        SummaryTables.WriteRich(sections, console);
        SummaryTables.WritePlain(sections, plain);

        foreach (var row in sections.SelectMany(s => s.Rows))
            foreach (var cell in row)
            {
                Assert.Contains(cell, output.ToString(), StringComparison.Ordinal);
                Assert.Contains(cell, plain.ToString(), StringComparison.Ordinal);
            }
    }

    private static (IAnsiConsole Console, StringWriter Output) Recording()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 160;
        return (console, output);
    }
}
