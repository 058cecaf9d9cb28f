using System.CommandLine;
using System.Globalization;
using TcpSwarm.Scenarios;
using TcpSwarm.Silo;

namespace TcpSwarm.Cli;

/// <summary>Where a cluster's membership lives (--redis, or $TCPSWARM_REDIS; --gateways for localhost clustering)
/// and its name (--cluster-id), shared by run and silo.</summary>
internal sealed class MembershipOptions
{
    /// <summary>The environment variable that says what --redis says, when --redis is not given.</summary>
    public const string RedisVariable = "TCPSWARM_REDIS";

    public Option<string> Redis { get; } = new("--redis")
    {
        HelpName = "HOST:PORT",
        Description = "The Redis server holding the cluster's membership (Microsoft.Orleans.Clustering.Redis), as a "
                      + "StackExchange.Redis connection string: HOST:PORT, optionally ,password=SECRET (never "
                      + $"printed). Default: ${RedisVariable}, else none.",
    };

    public Option<string> ClusterId { get; } = new("--cluster-id")
    {
        HelpName = "ID",
        Description = $"The cluster's id; silos and runs of one cluster share it. Default: {ClusterSettings.DefaultClusterId}.",
    };

    public void AddTo(Command command)
    {
        command.Add(Redis);
        command.Add(ClusterId);
    }

    /// <summary>The Redis connection text from the option or the environment; null when neither gives one.</summary>
    public string? RedisText(ParseResult parsed) =>
        parsed.GetValue(Redis) ?? (Environment.GetEnvironmentVariable(RedisVariable) is { Length: > 0 } v ? v : null);

    /// <summary>The cluster these options name, or the problems with them.</summary>
    public ClusterSettings? Read(ParseResult parsed, List<ScenarioProblem> problems, int primaryPort = 11111,
        IReadOnlyList<int>? gateways = null)
    {
        RedisMembership? redis = null;
        if (RedisText(parsed) is { } text)
        {
            redis = RedisMembership.Parse(text, out var problem);
            if (redis is null)
                problems.Add(new ScenarioProblem(parsed.GetValue(Redis) is null ? "$" + RedisVariable : "--redis", 0, 0,
                    "redis", "the value " + problem));
        }
        var id = parsed.GetValue(ClusterId) ?? ClusterSettings.DefaultClusterId;
        if (id.Length == 0 || id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            problems.Add(new ScenarioProblem("--cluster-id", 0, 0, "cluster-id",
                $"'{id}' is not allowed; use letters, digits, '-', '_' or '.'"));
        return problems.Count == 0 ? new ClusterSettings(redis, id, primaryPort, gateways) : null;
    }

    /// <summary>A TCP port option's value, 1 to 65535, or a problem.</summary>
    public static int Port(string? text, string option, int fallback, List<ScenarioProblem> problems)
    {
        if (text is null) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is > 0 and < 65536)
            return port;
        problems.Add(new ScenarioProblem(option, 0, 0, option.TrimStart('-'),
            $"'{text}' is not allowed; use a TCP port from 1 to 65535"));
        return fallback;
    }
}
