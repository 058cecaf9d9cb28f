using System.Globalization;

namespace TcpSwarm.Scenarios;

/// <summary>One mistake in a scenario or an option: where it is, which field, and what is wrong.</summary>
/// <param name="File">The scenario file as named by the user, or "--set", "--seed" or "--speed" for an option.</param>
/// <param name="Line">1-based; 0 for an option or a file that could not be read (printed without line and column).
/// </param>
/// <param name="Column">1-based; 0 with line 0.</param>
/// <param name="Field">The field's path (servers[0].port, sysctl.net.ipv4.tcp_syncookies); the option's key for
/// --set; "yaml" when the file is not well-formed YAML; "file" when it cannot be read.</param>
/// <param name="Message">What is wrong and what is allowed, in one line.</param>
public sealed record ScenarioProblem(string File, int Line, int Column, string Field, string Message)
{
    /// <summary>The file as named, its control characters escaped (<see cref="Printable"/>).</summary>
    public string File { get; init; } = Printable.Of(File);

    /// <summary>The field, its control characters escaped.</summary>
    public string Field { get; init; } = Printable.Of(Field);

    /// <summary>The message, the input it quotes with its control characters escaped.</summary>
    public string Message { get; init; } = Printable.Of(Message);

    /// <summary>FILE:LINE:COLUMN, or the file (or option) alone when there is no line to point at.</summary>
    public string Location => Locate(File, Line, Column);

    public override string ToString() => $"error: {Location}: {Field}: {Message}";

    // An option or an unreadable file has no line: "--set:0:0" would send the reader looking for one.
    internal static string Locate(string file, int line, int column) =>
        line == 0 ? file : string.Create(CultureInfo.InvariantCulture, $"{file}:{line}:{column}");
}
