namespace TcpSwarm.Scenarios;

/// <summary>The candidate a misspelt word most likely meant: optimal string alignment distance, any case.</summary>
public static class NearMiss
{
    /// <summary>The candidate within one edit per five letters of word, the closest first; null when none is.</summary>
    public static string? Find(string word, IEnumerable<string> candidates)
    {
        var lowered = word.ToLowerInvariant();
        // One edit per five letters: backlg -> backlog, linux-6.19 -> linux-6.18, but not linux-5.4 -> linux-6.1.
        int limit = Math.Max(1, lowered.Length / 5);
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            int d = Distance(lowered, candidate.ToLowerInvariant());
            if (d < bestDistance && d <= limit && candidate != word)
            {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    // Levenshtein with adjacent transpositions counted as one edit (backlgo -> backlog is 1).
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
