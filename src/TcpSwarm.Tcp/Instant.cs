namespace TcpSwarm.Tcp;

/// <summary>A point in virtual time, in nanoseconds from the run's epoch. The model never reads a clock.</summary>
public readonly record struct Instant(long Nanoseconds) : IComparable<Instant>
{
    public static readonly Instant Zero = new(0);
    public static readonly Instant Never = new(long.MaxValue);

    public static Instant FromMilliseconds(long ms) => new(ms * 1_000_000);
    public static Instant FromSeconds(double s) => new((long)Math.Round(s * 1e9));

    public long Milliseconds => Nanoseconds / 1_000_000;
    public double Seconds => Nanoseconds / 1e9;

    public static Instant operator +(Instant at, TimeSpan span) => new(at.Nanoseconds + span.Ticks * 100);
    public static Instant operator -(Instant at, TimeSpan span) => new(at.Nanoseconds - span.Ticks * 100);
    public static TimeSpan operator -(Instant a, Instant b) =>
        TimeSpan.FromTicks((a.Nanoseconds - b.Nanoseconds) / 100);
    public static bool operator <(Instant a, Instant b) => a.Nanoseconds < b.Nanoseconds;
    public static bool operator >(Instant a, Instant b) => a.Nanoseconds > b.Nanoseconds;
    public static bool operator <=(Instant a, Instant b) => a.Nanoseconds <= b.Nanoseconds;
    public static bool operator >=(Instant a, Instant b) => a.Nanoseconds >= b.Nanoseconds;

    public int CompareTo(Instant other) => Nanoseconds.CompareTo(other.Nanoseconds);
    public static Instant Min(Instant a, Instant b) => a < b ? a : b;

    public override string ToString() => Nanoseconds % 1_000_000 == 0
        ? $"{Milliseconds}ms"
        : $"{Nanoseconds / 1e6:0.######}ms";
}
