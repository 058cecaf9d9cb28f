namespace TcpSwarm.Scenarios;

/// <summary>Why a number's text was refused before any arithmetic on it.</summary>
internal enum NumberFault
{
    /// <summary>A number, read exactly.</summary>
    None,

    /// <summary>Not a number as scenarios write them (digits, sign, one '.', '_' between digits).</summary>
    Malformed,

    /// <summary>More whole digits than any field allows (its range check could never pass).</summary>
    TooLarge,

    /// <summary>More fraction digits than any unit resolves (it is finer than every resolution).</summary>
    TooFine,
}
