using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using TcpSwarm.Scenarios;
using TcpSwarm.Silo;
using TcpSwarm.Silo.Metrics;

namespace TcpSwarm.Cli;

/// <summary>The metrics options of every verb that runs a silo (`run`, `silo`): --metrics-port, --metrics-address,
/// --metrics-linger and --otlp-endpoint, read into <see cref="MetricsSettings"/> with every mistake located.</summary>
internal sealed class MetricsOptions
{
    public Option<string> Port { get; } = new("--metrics-port")
    {
        HelpName = "P",
        Description = "Serves the Prometheus scrape endpoint http://ADDRESS:P/metrics (the TcpSwarm meter, Orleans' "
                      + "and the .NET runtime's), 1 to 65535. Default: no endpoint.",
    };

    public Option<string> Address { get; } = new("--metrics-address")
    {
        HelpName = "A",
        Description = "The IPv4 address the scrape endpoint binds: 0.0.0.0 serves every interface (in a container). "
                      + "Default: 127.0.0.1.",
    };

    public Option<string> Linger { get; } = new("--metrics-linger")
    {
        HelpName = "DURATION",
        Description = "How long the scrape endpoint keeps serving the last values after the run ends, so that a short "
                      + "run is still scraped (30s, 2m; 0 stops at once; Ctrl-C ends it early). Default: 30s.",
    };

    public Option<string> Otlp { get; } = new("--otlp-endpoint")
    {
        HelpName = "URL",
        Description = "Also pushes the metrics by OTLP every 5 s and at the end: gRPC (http://collector:4317), or "
                      + "HTTP when the path ends in /v1/metrics (http://collector:4318/v1/metrics). Default: no push.",
    };

    /// <param name="linger">Whether the verb ends (run), so that lingering means something; a silo serves until
    /// it is stopped.</param>
    public void AddTo(Command command, bool linger = true)
    {
        command.Add(Port);
        command.Add(Address);
        if (linger) command.Add(Linger);
        command.Add(Otlp);
    }

    /// <summary>The settings the options give, and a located problem for each malformed one (exit 2).</summary>
    public (MetricsSettings Settings, IReadOnlyList<ScenarioProblem> Problems) Read(ParseResult parsed)
    {
        var problems = new List<ScenarioProblem>();
        int? port = null;
        if (parsed.GetValue(Port) is { } portText)
        {
            if (int.TryParse(portText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var p)
                && p is >= 1 and <= 65535)
                port = p;
            else
                problems.Add(Problem("metrics-port", $"'{portText}' is not allowed; use a TCP port from 1 to 65535"));
        }
        var address = IPAddress.Loopback;
        if (parsed.GetValue(Address) is { } addressText)
        {
            if (IPAddress.TryParse(addressText.Trim(), out var a) && a.AddressFamily == AddressFamily.InterNetwork
                                                                  && addressText.Count(c => c == '.') == 3)
                address = a;
            else
                problems.Add(Problem("metrics-address",
                    $"'{addressText}' is not allowed; use an IPv4 address: 127.0.0.1, or 0.0.0.0 for every interface"));
        }
        var linger = MetricsSettings.DefaultLinger;
        if (parsed.GetValue(Linger) is { } lingerText)
        {
            if (!Units.TryParseDuration(lingerText, out linger, out var error))
                problems.Add(Problem("metrics-linger", error));
            else if (linger < TimeSpan.Zero || linger > TimeSpan.FromHours(24))
                problems.Add(Problem("metrics-linger", $"'{lingerText}' is not allowed; use 0 to 24h"));
        }
        if (parsed.GetValue(Port) is null)
        {
            const string Alone = "serves nothing without --metrics-port; add --metrics-port P";
            if (parsed.GetValue(Address) is not null) problems.Add(Problem("metrics-address", Alone));
            if (parsed.GetValue(Linger) is not null) problems.Add(Problem("metrics-linger", Alone));
        }
        Uri? otlp = null;
        if (parsed.GetValue(Otlp) is { } otlpText)
        {
            if (Uri.TryCreate(otlpText.Trim(), UriKind.Absolute, out var u) && u.Scheme is "http" or "https"
                                                                            && u.Host.Length > 0)
                otlp = u;
            else
                problems.Add(Problem("otlp-endpoint",
                    $"'{otlpText}' is not allowed; use an http:// or https:// URL such as http://localhost:4317"));
        }
        return (new MetricsSettings(port, address, linger, otlp), problems);
    }

    /// <summary>Starts the export the settings ask for (none: a null export); false when the endpoint cannot be served
    /// there, after printing why (exit 2, nothing started).</summary>
    public static bool TryStart(MetricsSettings settings, string silo, TextWriter error, out MetricsExport? export,
        RunIdentity? run = null)
    {
        export = null;
        if (!settings.Exports) return true;
        try
        {
            export = MetricsExport.Start(settings, silo, run);
            return true;
        }
        catch (EndpointOptionException e)
        {
            Diagnostics.Refuse([Problem(e.Option, e.Message)], error);
            return false;
        }
    }

    /// <summary>After a run: says where the last values are served, and serves them for the linger time.</summary>
    public static async Task LingerAsync(MetricsExport export, TextWriter output, CancellationToken cancellation)
    {
        var settings = export.Settings;
        if (settings.ScrapeUrl is not { } url || settings.Linger <= TimeSpan.Zero) return;
        if (cancellation.IsCancellationRequested) return;              // interrupted: the user wants to stop
        output.WriteLine($"metrics: serving the last values on {url} for {Units.FormatDuration(settings.Linger)} "
                         + "(--metrics-linger); Ctrl-C ends this");
        await output.FlushAsync().ConfigureAwait(false);
        await export.LingerAsync(cancellation).ConfigureAwait(false);
    }

    private static ScenarioProblem Problem(string option, string message) => new("--" + option, 0, 0, option, message);
}
