using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Scenarios;

/// <summary>How long a session's applications hold it open past its last exchange (close_after and
/// passive_close_after), for the memory estimate: their means, and a day for never (the run's window bounds it).
/// </summary>
internal static class CloseWait
{
    public static double Seconds(SessionSpec session) => Mean(session.CloseAfter) + Mean(session.PassiveCloseAfter);

    private static double Mean(DelaySpec? wait) => wait switch
    {
        null => 0,
        DelaySpec.Never => Kinds.OneDay.TotalSeconds,
        _ => wait.Mean?.TotalSeconds ?? 0,
    };
}
