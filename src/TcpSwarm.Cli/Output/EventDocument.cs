using System.Text.Json.Serialization;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Output;

/// <summary>One of summary.json's events: its name, where, its first and last instants in virtual seconds, how many
/// times, and Linux's words for it when Linux has any.</summary>
internal sealed record EventDocument(string Name, string Where, double FirstS, double LastS, long Count,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LinuxMessage)
{
    public static EventDocument Of(RunEvent e) => new(e.Name, e.Where, e.FirstS, e.LastS, e.Count, e.LinuxMessage);
}
