namespace TcpSwarm.Scenarios;

/// <summary>The unit a check's value was written in, and so which fields it can be held against.</summary>
public enum CheckUnit
{
    /// <summary>A bare number, compared with the field as it is.</summary>
    None,

    /// <summary>A duration, held in seconds: compared with a field ending _ms (in milliseconds) or _seconds.</summary>
    Duration,

    /// <summary>A percentage, held as a fraction (1% is 0.01): compared with a fraction 0..1.</summary>
    Percent,
}
