using TcpSwarm.Scenarios;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Results;
using TcpSwarm.Tcp;

namespace TcpSwarm.Cli.Tests.Report;

/// <summary>The time series' builder and its files, on hand-made samples of the quickstart scenario.</summary>
public sealed class TimeSeriesBuilderTests
{
    private static readonly Simulation.Model.Scenario Quickstart =
        ScenarioLoader.Load(Repo.Load("quickstart.yaml")).Scenario!;

    [Fact]
    public void Requests_count_as_syn_received_and_records_as_time_wait_and_shards_add_up()
    {
        var web = Quickstart.Servers[0].Address;
        var states = new long[11];
        states[(int)TcpState.Established] = 3;
        var server = Host(web, -1, states, synReceived: 5, timeWait: 2,
            [Listener(0, 0, syn: 4, accept: 1), Listener(0, 1, syn: 1, accept: 0)]);
        var client = Host(Quickstart.Clients[0].Addresses.First, 0, states, synReceived: 0, timeWait: 7, []);
        var sample = new RunSample(TimeSpan.FromSeconds(2), [client, server], 1, 1, [(10, 1)]);

        var row = TimeSeriesBuilder.Row(Quickstart, sample);

        Assert.Equal(6, row.States[(int)TcpState.Established]);
        Assert.Equal(5, row.States[(int)TcpState.SynReceived]);
        Assert.Equal(9, row.States[(int)TcpState.TimeWait]);
        Assert.Equal(new TimeSeriesRow.Server(5, 258, 1, 258, 2), row.Servers[0]);
        Assert.Equal(new TimeSeriesRow.Client(4, 3, 7, 11), row.Clients[0]);
        Assert.Equal(new TimeSeriesRow.Attacker(10, 1), row.Attackers[0]);
        Assert.Equal(8, row.Attempts);
        Assert.Equal(2.0, row.Seconds);
    }

    [Fact]
    public void The_csv_names_columns_after_scenario_objects_and_the_json_reads_back_the_same_table()
    {
        var web = Quickstart.Servers[0].Address;
        var sample = new RunSample(TimeSpan.FromMilliseconds(1500),
            [Host(web, -1, new long[11], 0, 0, [Listener(0, 0, 2, 0)])], 3, 4, [(1, 0)]);
        var table = TimeSeriesTable.Of(Quickstart, TimeSeriesBuilder.Build(Quickstart, [sample]));

        var csv = System.Text.Encoding.UTF8.GetString(table.Csv()).Split('\n');
        var header = csv[0].Split(',');
        Assert.Equal("time_s", header[0]);
        Assert.Contains("state.established", header);
        Assert.Contains("web.syn_queue", header);
        Assert.Contains("browsers.time_wait", header);
        Assert.Contains("flood.spoofed_syns", header);
        Assert.Contains("counter.ListenOverflows", header);
        Assert.StartsWith("1.5,", csv[1], StringComparison.Ordinal);
        Assert.Equal("", csv[^1]);

        var json = TimeSeriesJson.Write(TimeSeriesHeader.Of(Quickstart), table);
        var (readHeader, read) = TimeSeriesJson.Read(json);
        Assert.Equal(table.Columns, read.Columns);
        Assert.Equal(table.Seconds, read.Seconds);
        Assert.Equal(table.Values[0], read.Values[0]);
        Assert.Equal("quickstart", readHeader.Scenario);
        Assert.Equal(28232, readHeader.EphemeralPortCount);
        Assert.Equal(json, TimeSeriesJson.Write(readHeader, read));
    }

    private static HostSample Host(uint address, int group, long[] states, long synReceived, long timeWait,
        IReadOnlyList<ListenerSample> listeners) =>
        new(address, group, Attempts: 4, new Outcomes(3, 0, 0, 0, 0, 1), 0, 0, states, synReceived, timeWait,
            PortsInUse: 11, new long[TcpExtCounters.Count], listeners, 5, 1, 0, 0, 0);

    private static ListenerSample Listener(int server, int shard, int syn, int accept) =>
        new(server, shard, syn, 129, accept, 129, 0, 0, new long[TcpExtCounters.Count]);
}
