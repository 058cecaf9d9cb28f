using System.CommandLine;
using TcpSwarm.Scenarios;
using TcpSwarm.Silo;
using TcpSwarm.Silo.Metrics;

namespace TcpSwarm.Cli;

/// <summary>The cluster a run goes to: --redis (or $TCPSWARM_REDIS), or --gateways for localhost clustering; neither:
/// the embedded silo.</summary>
internal sealed class RunCluster
{
    private readonly MembershipOptions _membership = new();

    private readonly Option<string> _gateways = new("--gateways")
    {
        HelpName = "PORT,...",
        Description = "Run on a cluster of silos started without --redis (localhost clustering): their gateway ports "
                      + "on 127.0.0.1. Default: none.",
    };

    private readonly Option<string> _answerTimeout = new("--cluster-timeout")
    {
        HelpName = "DURATION",
        Description = "How long a silo, the cluster's membership or Redis may go without answering before the run "
                      + "stops at its last completed window with exit 3 (a silo stopped or cut off, Redis gone). A "
                      + "silo busy with a long window still answers at once, so only a hang reaches it. Default: "
                      + $"{ClusterSettings.DefaultAnswerTimeout.TotalSeconds:0}s.",
    };

    public void AddTo(Command command)
    {
        _membership.AddTo(command);
        command.Add(_gateways);
        command.Add(_answerTimeout);
    }

    /// <summary>The cluster the options name, or null for the embedded silo; every problem refused (exit 2).
    /// </summary>
    public ClusterSettings? Read(ParseResult parsed, MetricsSettings metrics, TextWriter error, out bool refused)
    {
        refused = false;
        var problems = new List<ScenarioProblem>();
        var ports = new List<int>();
        if (parsed.GetValue(_gateways) is { } list)
            foreach (var port in list.Split(',',
                         StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                ports.Add(MembershipOptions.Port(port, "--gateways", 0, problems));
        bool redis = _membership.RedisText(parsed) is not null;
        if (redis && ports.Count > 0)
            problems.Add(new ScenarioProblem("--gateways", 0, 0, "gateways",
                "cannot be given with --redis (or $TCPSWARM_REDIS): membership is in one place or the other"));
        var settings = _membership.Read(parsed, problems, gateways: ports);
        var answerTimeout = ClusterSettings.DefaultAnswerTimeout;
        if (parsed.GetValue(_answerTimeout) is { } text)
        {
            if (Units.TryParseDuration(text, out var value, out var why) && value >= TimeSpan.FromSeconds(1)
                && value <= TimeSpan.FromHours(1))
                answerTimeout = value;
            else
                problems.Add(new ScenarioProblem("--cluster-timeout", 0, 0, "cluster-timeout",
                    why.Length > 0 ? why : $"'{text}' is not allowed; use a duration from 1s to 1h"));
        }
        bool cluster = redis || ports.Count > 0;
        if (cluster && metrics.Exports)
            problems.Add(new ScenarioProblem("--metrics-port", 0, 0, "metrics-port",
                "a run on a cluster is watched through its silos' own endpoints: give --metrics-port to each "
                + "'tcpswarm silo' instead"));
        if (problems.Count > 0)
        {
            Diagnostics.Refuse(problems, error);
            refused = true;
            return null;
        }
        return cluster ? settings! with { AnswerTimeout = answerTimeout } : null;
    }
}
