using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace TcpSwarm.Calibration.Kernel;

/// <summary>The network namespaces of one calibrate run, joined in pairs by veth links; every one is removed when the
/// lab is disposed, whatever happened, and a crashed run's leftovers are removed by the next run.</summary>
/// <remarks>
/// Names are <c>tcpswarm-cal-PID-EXPERIMENT-ROLE</c>, so two runs never meet and a leftover names the process that
/// made it: a namespace whose process is gone is a leftover. The veth ends are created inside the namespaces
/// (never in the machine's own), so deleting a namespace deletes its links; addresses are 10.211.K.1 and 10.211.K.2
/// on a /24 per pair, reachable from nowhere but the pair itself. If the process is killed outright, ProcessExit
/// still runs on SIGTERM and Ctrl-C paths; SIGKILL leaves names for the next run's <see cref="RemoveLeftoversAsync"/>.
/// </remarks>
internal sealed partial class Lab : IAsyncDisposable
{
    public const string Prefix = "tcpswarm-cal-";

    private readonly List<NetNamespace> _namespaces = [];
    private readonly List<string> _names = [];
    private readonly Lock _lock = new();
    private readonly string _prefix = Prefix + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-";
    private int _pairs;

    public Lab() => AppDomain.CurrentDomain.ProcessExit += OnProcessExit;

    /// <summary>Two namespaces joined by a veth pair: the first gets 10.211.K.1, the second 10.211.K.2.</summary>
    public async Task<(NetNamespace First, NetNamespace Second)> PairAsync(string experiment, string first,
        string second, CancellationToken cancellation)
    {
        int k = Interlocked.Increment(ref _pairs);
        var a = await CreateAsync($"{_prefix}{experiment}-{first}", cancellation).ConfigureAwait(false);
        var b = await CreateAsync($"{_prefix}{experiment}-{second}", cancellation).ConfigureAwait(false);
        await HostCommand.RunAsync(["ip", "link", "add", "v0", "netns", a.Name, "type", "veth", "peer", "name", "v1",
            "netns", b.Name], cancellation: cancellation).ConfigureAwait(false);
        foreach (var (ns, link, host) in new[] { (a, "v0", 1), (b, "v1", 2) })
        {
            var address = $"10.211.{k}.{host}";
            await ns.RunAsync(["ip", "addr", "add", address + "/24", "dev", link], cancellation).ConfigureAwait(false);
            await ns.RunAsync(["ip", "link", "set", link, "up"], cancellation).ConfigureAwait(false);
            ns.Address = IPAddress.Parse(address);
        }
        return (a, b);
    }

    private async Task<NetNamespace> CreateAsync(string name, CancellationToken cancellation)
    {
        lock (_lock) _names.Add(name);                  // listed first: removed even if creation fails half-way
        var ns = await NetNamespace.CreateAsync(name, cancellation).ConfigureAwait(false);
        lock (_lock) _namespaces.Add(ns);
        return ns;
    }

    /// <summary>Removes every namespace a calibrate run made whose process no longer exists.</summary>
    /// <returns>The names removed.</returns>
    public static async Task<IReadOnlyList<string>> RemoveLeftoversAsync(CancellationToken cancellation)
    {
        var removed = new List<string>();
        var list = await HostCommand.RunAsync(["ip", "netns", "list"], cancellation: cancellation)
            .ConfigureAwait(false);
        foreach (var line in list.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = line.Split(' ')[0];
            var m = Owner().Match(name);
            if (!m.Success || Directory.Exists("/proc/" + m.Groups[1].Value)) continue;
            await NetNamespace.DeleteAsync(name).ConfigureAwait(false);
            removed.Add(name);
        }
        return removed;
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        string[] names;
        lock (_lock)
        {
            foreach (var ns in _namespaces) ns.Dispose();
            names = [.. _names];
            _names.Clear();
        }
        var failures = new List<string>();
        foreach (var name in names)
        {
            try
            {
                await NetNamespace.DeleteAsync(name).ConfigureAwait(false);
            }
            catch (CalibrationException e) when (File.Exists(Path.Combine("/var/run/netns", name)))
            {
                failures.Add(e.Message);
            }
            catch (CalibrationException)
            {
                // never created: nothing to remove
            }
        }
        if (failures.Count > 0) throw new CalibrationException("could not remove: " + string.Join("; ", failures));
    }

    // The process is ending (Environment.Exit, SIGTERM) before DisposeAsync ran: remove what is left, synchronously.
    private void OnProcessExit(object? sender, EventArgs e)
    {
        string[] names;
        lock (_lock) names = [.. _names];
        foreach (var name in names)
        {
            try
            {
                NetNamespace.DeleteAsync(name).Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // best effort: the next run removes what is left
            }
        }
    }

    [GeneratedRegex(@"^tcpswarm-cal-(\d+)-")]
    private static partial Regex Owner();
}
