using System.Diagnostics;
using StackExchange.Redis;

namespace TcpSwarm.Silo;

/// <summary>Watches a cluster from outside for the whole of a run, once a second: Redis answers a PING, membership
/// still lists every silo of the run as active, and every silo answers a call. Whatever stops doing so for longer
/// than the answer timeout is the run's fault.</summary>
/// <remarks>A hang shows only here: a SIGSTOPped silo neither answers nor is declared dead while its peers are
/// stopped too, and the clock's call would wait for Orleans' response timeout, which is long on purpose (a window
/// may take minutes). The pings are small calls answered beside the run's work, so only a hang reaches the
/// timeout.</remarks>
public sealed class ClusterWatchdog
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);
    private readonly IClusterClient _client;
    private readonly IConnectionMultiplexer? _redis;
    private readonly string _redisName;
    private readonly IReadOnlyList<string> _silos;

    /// <param name="redis">A connection of the runner's own to the Redis holding membership; null: none.</param>
    public ClusterWatchdog(IClusterClient client, IConnectionMultiplexer? redis, string redisName,
        IReadOnlyList<string> silos, TimeSpan answerTimeout)
    {
        _client = client;
        _redis = redis;
        _redisName = redisName;
        _silos = silos;
        AnswerTimeout = answerTimeout;
    }

    /// <summary>How long anything watched may go without answering.</summary>
    public TimeSpan AnswerTimeout { get; }

    /// <summary>Watches until cancelled (null) or until the cluster fails (its fault).</summary>
    public async Task<ClusterFault?> WatchAsync(CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var management = _client.GetGrain<IManagementGrain>(0);
        var answered = _silos.ToDictionary(s => s, _ => TimeSpan.Zero, StringComparer.Ordinal);
        var pings = new Dictionary<string, Task>(StringComparer.Ordinal);
        Task<Dictionary<SiloAddress, SiloStatus>>? reading = null;
        var membershipReadAt = TimeSpan.Zero;
        string? membershipError = null;
        var redisAnsweredAt = TimeSpan.Zero;
        try
        {
            while (true)
            {
                await Task.Delay(Every, cancellation).ConfigureAwait(false);
                if (_redis is not null)
                {
                    var error = await PingRedisAsync(cancellation).ConfigureAwait(false);
                    if (error is null) redisAnsweredAt = clock.Elapsed;
                    else if (clock.Elapsed - redisAnsweredAt > AnswerTimeout)
                        return new ClusterFault($"Redis at {_redisName}, which holds the cluster's membership, "
                                                + $"stopped answering: no PING answered for "
                                                + $"{AnswerTimeout.TotalSeconds:0.#} s ({error})");
                }

                // Every call is left running while it waits: one out at a time each, and none awaited here, so
                // that a call that hangs delays nothing but its own answer.
                if (reading is { IsCompleted: true })
                {
                    if (reading.IsCompletedSuccessfully)
                    {
                        membershipReadAt = clock.Elapsed;
                        var active = reading.Result.Keys.Select(s => s.ToParsableString())
                            .ToHashSet(StringComparer.Ordinal);
                        if (_silos.FirstOrDefault(s => !active.Contains(s)) is { } gone)
                            return new ClusterFault($"silo {gone} left the cluster", gone);
                    }
                    else membershipError = RootCause.Of(reading.Exception!);
                    reading = null;
                }
                reading ??= management.GetHosts(onlyActive: true);
                foreach (var silo in _silos)
                {
                    if (pings.TryGetValue(silo, out var ping))
                    {
                        if (!ping.IsCompleted) continue;
                        if (ping.IsCompletedSuccessfully) answered[silo] = clock.Elapsed;
                    }
                    pings[silo] = management.GetRuntimeStatistics([SiloAddress.FromParsableString(silo)]);
                }

                var silent = _silos.Where(s => clock.Elapsed - answered[s] > AnswerTimeout).ToList();
                if (silent.Count > 0)
                    return new ClusterFault(Silent(silent), silent.Count == 1 ? silent[0] : null);
                if (clock.Elapsed - membershipReadAt > AnswerTimeout)
                    return new ClusterFault($"the cluster's membership could not be read for "
                                            + $"{AnswerTimeout.TotalSeconds:0.#} s ({membershipError ?? "no answer"})");
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            foreach (var call in pings.Values.Append(reading ?? Task.CompletedTask))
                _ = call.ContinueWith(t => t.Exception, TaskScheduler.Default);
        }
    }

    private string Silent(List<string> silent)
    {
        var seconds = $"{AnswerTimeout.TotalSeconds:0.#} s";
        var who = silent.Count == _silos.Count
            ? $"no silo of the run has answered for {seconds} ({string.Join(", ", silent)})"
            : silent.Count == 1 ? $"silo {silent[0]} has not answered for {seconds}"
            : $"silos {string.Join(", ", silent)} have not answered for {seconds}";
        return who + " (stopped, frozen or cut off; --cluster-timeout sets how long a run waits)";
    }

    // Null when Redis answered; what went wrong otherwise.
    private async Task<string?> PingRedisAsync(CancellationToken cancellation)
    {
        try
        {
            var patience = AnswerTimeout < TimeSpan.FromSeconds(2) ? AnswerTimeout : TimeSpan.FromSeconds(2);
            await _redis!.GetDatabase().PingAsync().WaitAsync(patience, cancellation)
                .ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return e is RedisConnectionException c ? c.FailureType.ToString() : e.GetType().Name;
        }
    }

}
