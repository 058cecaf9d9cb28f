namespace TcpSwarm.Cli.Tests.Report;

/// <summary>`tcpswarm report` refuses a folder it cannot rebuild from: exit 2, one clear line, nothing written.
/// </summary>
public sealed class ReportVerbTests
{
    [Fact]
    public async Task A_missing_folder_exits_2_and_names_it()
    {
        using var temp = new TempFolder();
        var missing = temp.File("no-such-run");

        var result = await new Tcpswarm().Run("report", missing);

        Assert.Equal(2, result.Code);
        Assert.Equal($"error: the run folder '{missing}' does not exist", result.ErrorLines.Single());
        result.AssertNoStackTrace();
    }

    [Fact]
    public async Task A_folder_without_its_time_series_exits_2_and_writes_no_report()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("summary.json"), "{}");

        var result = await new Tcpswarm().Run("report", temp.Path);

        Assert.Equal(2, result.Code);
        Assert.Contains("timeseries.json' is missing", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("report.md")));
    }

    [Fact]
    public async Task A_folder_with_foreign_json_exits_2()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("summary.json"), "{}");
        File.WriteAllText(temp.File("timeseries.json"), "[1, 2]");

        var result = await new Tcpswarm().Run("report", temp.Path);

        Assert.Equal(2, result.Code);
        Assert.Contains("does not hold a run's summary.json and timeseries.json", result.Error,
            StringComparison.Ordinal);
        result.AssertNoStackTrace();
    }
}
