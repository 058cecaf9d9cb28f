namespace TcpSwarm.Cli.Bench;

/// <summary>The median of repeated measurements: the middle one, or the mean of the middle two.</summary>
internal static class Medians
{
    public static double Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>The median of one figure over repeated runs.</summary>
    public static double Of<T>(IEnumerable<T> runs, Func<T, double> figure) => Of([.. runs.Select(figure)]);
}
