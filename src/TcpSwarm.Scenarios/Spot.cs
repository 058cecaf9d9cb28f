using YamlDotNet.RepresentationModel;

namespace TcpSwarm.Scenarios;

/// <summary>Where a value came from: a file position (1-based), or an option (line 0).</summary>
internal readonly record struct Spot(string File, int Line, int Column)
{
    public static Spot Of(string file, YamlNode node) => new(file, (int)node.Start.Line, (int)node.Start.Column);
}
