namespace TcpSwarm.Cli.Display;

/// <summary>One table of the end-of-run summary: a header row and text rows, the same for plain and Spectre output.
/// </summary>
internal sealed record SummarySection(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);
