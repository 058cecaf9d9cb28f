using System.CommandLine;
using System.Net;
using TcpSwarm.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using TcpSwarm.Silo;
using TcpSwarm.Silo.Metrics;

namespace TcpSwarm.Cli;

/// <summary>`tcpswarm silo`: one silo process that joins the cluster whose membership lives in Redis (or, without
/// --redis, localhost clustering on this machine) and serves runs until Ctrl-C or SIGTERM.</summary>
internal static class SiloVerb
{
    // How long a stopping silo may take to leave its cluster before the process ends regardless: within docker
    // stop's 10 s before its SIGKILL. An orderly leave takes a second or two; one that cannot happen (Redis gone)
    // would otherwise take Orleans' own timeouts, a minute and more.
    private static readonly TimeSpan LeaveLimit = TimeSpan.FromSeconds(10);

    public static Command Build(CliEnvironment env)
    {
        var membership = new MembershipOptions();
        var metrics = new MetricsOptions();
        var siloPort = new Option<string>("--silo-port")
        {
            HelpName = "PORT",
            Description = "The port silos talk to each other on. Default: 11111.",
        };
        var gatewayPort = new Option<string>("--gateway-port")
        {
            HelpName = "PORT",
            Description = "The port runs (clients) connect to. Default: 30000.",
        };
        var primaryPort = new Option<string>("--primary-port")
        {
            HelpName = "PORT",
            Description = "Without --redis (localhost clustering): the silo port of the cluster's first silo, on "
                          + "127.0.0.1; the first silo is the one whose --silo-port it is. Default: 11111.",
        };
        var advertise = new Option<string>("--advertise")
        {
            HelpName = "ADDRESS",
            Description = "The IPv4 address other silos and runs reach this silo at (a container's); the silo and "
                          + "gateway ports then listen on every interface. Default: none: 127.0.0.1, and they "
                          + "listen on 127.0.0.1 only.",
        };
        var probe = new Option<string>("--probe-timeout")
        {
            HelpName = "DURATION",
            Description = "Membership's probe timeout (e.g. 2s): shorter notices a lost silo sooner. Default: "
                          + "Orleans' own.",
        };
        var command = new Command("silo",
            "Starts one silo that joins a cluster and serves runs ('tcpswarm run --redis ...') until Ctrl-C or "
            + "SIGTERM. Exit codes: 0 stopped, 2 bad option, 3 membership (Redis) unreachable.");
        membership.AddTo(command);
        foreach (var option in (Option[])[siloPort, gatewayPort, primaryPort, advertise, probe]) command.Add(option);
        metrics.AddTo(command, linger: false);
        command.SetAction(async (parsed, _) =>
        {
            var problems = new List<ScenarioProblem>();
            int silo = MembershipOptions.Port(parsed.GetValue(siloPort), "--silo-port", 11111, problems);
            int gateway = MembershipOptions.Port(parsed.GetValue(gatewayPort), "--gateway-port", 30000, problems);
            int primary = MembershipOptions.Port(parsed.GetValue(primaryPort), "--primary-port", 11111, problems);
            var cluster = membership.Read(parsed, problems, primary);
            var address = Advertised(parsed.GetValue(advertise), problems);
            var probeTimeout = ProbeTimeout(parsed.GetValue(probe), problems);
            var (metricSettings, metricProblems) = metrics.Read(parsed);
            problems.AddRange(metricProblems);
            if (problems.Count > 0 || cluster is null) return Diagnostics.Refuse(problems, env.Error);
            var name = $"{address ?? IPAddress.Loopback}:{silo}";                 // its series' tcpswarm.silo
            if (!MetricsOptions.TryStart(metricSettings, name, env.Error, out var export)) return ExitCodes.BadInput;
            using var exporting = export;
            if (metricSettings.ScrapeUrl is { } url) env.Out.WriteLine($"metrics: {url}");
            return await Serve(new SiloSettings(cluster, silo, gateway, address, probeTimeout), export, env);
        });
        return command;
    }

    private static async Task<int> Serve(SiloSettings settings, MetricsExport? export, CliEnvironment env)
    {
        using var interruption = env.Interruptions(env.Error);
        interruption.FirstRequestMeans = $"leaving the cluster (within {LeaveLimit.TotalSeconds:0} s; a further "
                                         + "signal does not stop that)";
        interruption.LaterRequestMeans = "already leaving the cluster; only SIGKILL stops the silo before it has left";
        ClusterSilo silo;
        try
        {
            silo = await ClusterSilo.StartAsync(settings, builder =>
            {
                if (export is not null) builder.Services.AddSingleton(export.Metrics);   // the meter it serves
            }, interruption.Token);
        }
        catch (ClusterUnreachableException e)
        {
            env.Error.WriteLine("error: " + e.Message + "; the silo did not start");
            return ExitCodes.ClusterFailed;
        }
        catch (EndpointOptionException e)
        {
            return Diagnostics.Refuse([new ScenarioProblem("--" + e.Option, 0, 0, e.Option, e.Message)], env.Error);
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Interrupted;
        }
        var address = silo.Address;
        try
        {
            env.Out.WriteLine($"silo {address} joined cluster {settings.Cluster.ClusterId} " +
                              $"({settings.Cluster.Describe()}); Ctrl-C, SIGTERM or SIGHUP stops it");
            await env.Out.FlushAsync();
            await silo.ServeAsync(interruption.Token);
            env.Out.WriteLine($"silo {address} is leaving the cluster");
            await env.Out.FlushAsync();
        }
        finally
        {
            await Leave(silo, address, env);
        }
        if (silo.LeftUnannounced is { } why)
            env.Error.WriteLine($"warning: {why}: the silo stopped without telling membership; the other silos "
                                + "declare it dead after their probe timeout");
        return ExitCodes.Done;
    }

    // The first signal stops the silo: it leaves in order if its cluster lets it within the limit (Redis gone, it
    // cannot), and the process ends either way; membership declares a silo that did not leave dead.
    private static async Task Leave(ClusterSilo silo, string address, CliEnvironment env)
    {
        try
        {
            await silo.DisposeAsync().AsTask().WaitAsync(LeaveLimit);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            env.Error.WriteLine($"silo {address} could not leave the cluster in order within "
                                + $"{LeaveLimit.TotalSeconds:0} s; stopping anyway (the cluster's membership will "
                                + "declare it dead)");
        }
    }

    private static IPAddress? Advertised(string? text, List<ScenarioProblem> problems)
    {
        if (text is null) return null;
        if (IPAddress.TryParse(text, out var address)
            && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            return address;
        problems.Add(new ScenarioProblem("--advertise", 0, 0, "advertise",
            $"'{text}' is not allowed; use an IPv4 address such as 10.0.0.5"));
        return null;
    }

    private static TimeSpan? ProbeTimeout(string? text, List<ScenarioProblem> problems)
    {
        if (text is null) return null;
        if (Units.TryParseDuration(text, out var value, out var error) && value >= TimeSpan.FromMilliseconds(100))
            return value;
        problems.Add(new ScenarioProblem("--probe-timeout", 0, 0, "probe-timeout",
            error.Length > 0 ? error : $"'{text}' is not allowed; use at least 100ms"));
        return null;
    }
}
