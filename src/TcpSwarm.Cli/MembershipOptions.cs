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

    /// <summary>The environment variable holding Redis' password, so that it never shows on a command line.</summary>
    public const string PasswordVariable = "TCPSWARM_REDIS_PASSWORD";

    /// <summary>The most a password file may hold: a password, not a file read by mistake.</summary>
    private const int PasswordFileLimit = 4096;

    public Option<string> Redis { get; } = new("--redis")
    {
        HelpName = "HOST:PORT",
        Description = "The Redis server holding the cluster's membership (Microsoft.Orleans.Clustering.Redis), as a "
                      + "StackExchange.Redis connection string: HOST:PORT, optionally ,password=SECRET (never "
                      + $"printed). Default: ${RedisVariable}, else none.",
    };

    public Option<string> PasswordFile { get; } = new("--redis-password-file")
    {
        HelpName = "FILE",
        Description = "A file whose first line is Redis' password, so that it shows in no command line (ps); it "
                      + $"replaces a ,password= in --redis. Default: ${PasswordVariable} when set, else the "
                      + "connection string's own.",
    };

    public Option<string> ClusterId { get; } = new("--cluster-id")
    {
        HelpName = "ID",
        Description = "The cluster's id; silos and runs of one cluster share it. "
                      + $"Default: {ClusterSettings.DefaultClusterId}.",
    };

    public void AddTo(Command command)
    {
        command.Add(Redis);
        command.Add(PasswordFile);
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
        var password = Password(parsed, problems);
        if (RedisText(parsed) is { } text)
        {
            redis = RedisMembership.Parse(text, out var problem, password);
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

    // From --redis-password-file, else $TCPSWARM_REDIS_PASSWORD, else null (the connection string's own, if any).
    private string? Password(ParseResult parsed, List<ScenarioProblem> problems)
    {
        if (parsed.GetValue(PasswordFile) is not { } path)
            return Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } v ? v : null;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
                problems.Add(new ScenarioProblem(path, 0, 0, "redis-password-file", "no such file"));
            else if (info.Length > PasswordFileLimit)
                problems.Add(new ScenarioProblem(path, 0, 0, "redis-password-file",
                    $"holds {info.Length} bytes; a password file holds one line of at most {PasswordFileLimit}"));
            else if (File.ReadAllText(path).Split('\n')[0].TrimEnd('\r') is { Length: > 0 } password)
                return password;
            else
                problems.Add(new ScenarioProblem(path, 1, 1, "redis-password-file",
                    "the first line is empty; it must be the password"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException
                                      or NotSupportedException)
        {
            problems.Add(new ScenarioProblem(path, 0, 0, "redis-password-file", "cannot be read: " + e.Message));
        }
        return null;
    }

    /// <summary>A TCP port option's value, 1 to 65535, or a problem.</summary>
    public static int Port(string? text, string option, int fallback, List<ScenarioProblem> problems)
    {
        if (text is null) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port)
            && port is > 0 and < 65536)
            return port;
        problems.Add(new ScenarioProblem(option, 0, 0, option.TrimStart('-'),
            $"'{text}' is not allowed; use a TCP port from 1 to 65535"));
        return fallback;
    }
}
