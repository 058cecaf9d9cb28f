using YamlDotNet.RepresentationModel;

namespace TcpSwarm.Integration.Tests;

/// <summary>A YAML file of the repository as a tree, with the few lookups the compose tests need.</summary>
internal static class ComposeFile
{
    public static YamlMappingNode Load(params string[] path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Repo.Path(path));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static YamlNode At(this YamlNode node, params object[] path)
    {
        foreach (var step in path)
            node = step switch
            {
                string key => ((YamlMappingNode)node).Children[new YamlScalarNode(key)],
                int index => ((YamlSequenceNode)node).Children[index],
                _ => throw new ArgumentException($"bad step {step}"),
            };
        return node;
    }

    public static bool Has(this YamlNode node, string key) =>
        node is YamlMappingNode m && m.Children.ContainsKey(new YamlScalarNode(key));

    public static string Text(this YamlNode node) => ((YamlScalarNode)node).Value ?? "";

    public static IEnumerable<string> Texts(this YamlNode node) =>
        node is YamlSequenceNode s ? s.Children.Select(Text) : [node.Text()];

    public static IEnumerable<(string Key, YamlNode Value)> Entries(this YamlNode node) =>
        ((YamlMappingNode)node).Children.Select(c => (c.Key.Text(), c.Value));
}
