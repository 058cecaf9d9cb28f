namespace TcpSwarm.Scenarios;

/// <summary>Turns a YAML scenario into a validated Scenario, or into every problem it has, each located.</summary>
/// <remarks>Never throws for bad input: a missing file, malformed YAML, an unknown key, a value out of range, a bad
/// --set and a run too big for the memory limit are all problems. An exception means a bug of ours.</remarks>
public static class ScenarioLoader
{
    /// <summary>Loads a scenario file, read once (a pipe works): the result's Text is what was read.</summary>
    /// <param name="path">The file, as the user named it (problems repeat it).</param>
    /// <param name="overrides">The command line's --seed, --speed and --set; they win over the file.</param>
    /// <param name="memoryLimitBytes">Refuse a run whose estimated peak memory exceeds this; 0 or less: no limit.
    /// </param>
    public static ScenarioLoadResult Load(string path, ScenarioOverrides? overrides = null, long memoryLimitBytes = 0)
    {
        if (!InputFile.TryRead(path, InputFile.ScenarioLimitBytes, out var text, out var error))
            return Failed(path, 0, 0, "file", error);
        return LoadFromText(path, text, overrides, memoryLimitBytes) with { Text = text };
    }

    /// <summary>Loads a scenario from text; fileLabel names it in problems and gives the scenario its name.</summary>
    public static ScenarioLoadResult LoadFromText(string fileLabel, string yaml, ScenarioOverrides? overrides = null,
        long memoryLimitBytes = 0)
    {
        if (yaml.Length > InputFile.ScenarioLimitBytes)
            return Failed(fileLabel, 0, 0, "file",
                $"is longer than {InputFile.ScenarioLimitBytes >> 20} MiB, the most a scenario may hold") with
            {
                Text = yaml,
            };
        if (!YamlDocumentReader.TryRead(yaml, out var root, out var line, out var column, out var message))
            return Failed(fileLabel, line, column, "yaml", message) with { Text = yaml };
        var reader = new ScenarioReader(fileLabel, overrides ?? ScenarioOverrides.None);
        var name = Printable.Of(Path.GetFileNameWithoutExtension(fileLabel));
        return reader.Read(root!, name, YamlDocumentReader.Question(yaml), memoryLimitBytes) with { Text = yaml };
    }

    private static ScenarioLoadResult Failed(string file, int line, int column, string field, string message) =>
        new(null, [new ScenarioProblem(file, line, column, field, message)], [], null);
}
