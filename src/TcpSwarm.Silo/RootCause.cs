namespace TcpSwarm.Silo;

/// <summary>An exception as one line for the user: the innermost one's type and the first line of its message,
/// which is where Orleans and StackExchange.Redis put what went wrong.</summary>
internal static class RootCause
{
    public static string Of(Exception e, int width = 200)
    {
        var root = e;
        while (root.InnerException is { } inner) root = inner;
        var line = root.Message.Split('\n')[0].Trim();
        if (line.Length > width) line = line[..width] + "…";
        return root.GetType().Name + (line.Length > 0 ? ": " + line : "");
    }
}
