namespace TcpSwarm.Drill.Run;

// The errno numbers SO_ERROR returns, for the errors the model can give.
internal static class Errno
{
    private static readonly (string Name, long Number)[] Table =
        [("ECONNREFUSED", 111), ("ECONNRESET", 104), ("ETIMEDOUT", 110), ("EADDRNOTAVAIL", 99), ("EPIPE", 32)];

    public static long Number(string name) => Array.Find(Table, e => e.Name == name).Number;

    public static string Name(long number) =>
        number == 0 ? "no error" : Array.Find(Table, e => e.Number == number).Name ?? "";
}
