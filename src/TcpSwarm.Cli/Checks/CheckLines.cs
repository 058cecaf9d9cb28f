namespace TcpSwarm.Cli.Checks;

/// <summary>The checks after the run's summary: each with its verdict and the value it was held against.</summary>
internal static class CheckLines
{
    public static void Write(IReadOnlyList<CheckDocument> checks, TextWriter output)
    {
        if (checks.Count == 0) return;
        output.WriteLine();
        int width = checks.Max(c => c.Check.Length);
        foreach (var c in checks)
            output.WriteLine($"check {(c.Passed ? "pass" : "FAIL")}  {c.Check.PadRight(width)}  measured {c.Shown}"
                             + (c.Check.Contains(c.Field, StringComparison.Ordinal) ? "" : $" ({c.Field})"));
        int failed = checks.Count(c => !c.Passed);
        output.WriteLine(failed == 0
            ? $"checks: all {checks.Count} passed"
            : $"checks: {failed} of {checks.Count} failed (exit 5)");
    }
}
