namespace TcpSwarm.Drill.Run;

// What a system call returned: a value, or -1 and an errno.
internal readonly record struct CallResult(long Value, string? Errno = null)
{
    public static CallResult Ok(long value) => new(value);
    public static CallResult Fail(string errno) => new(-1, errno);

    public override string ToString() => Errno is null
        ? Value.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : $"-1 {Errno}";
}
