using System.Text.Json;
using StackExchange.Redis;

namespace TcpSwarm.Silo;

/// <summary>Reads what Orleans' Redis clustering keeps (a hash per cluster, "SERVICE/members/CLUSTER", one JSON entry
/// per silo), so that a run can say before it connects that its --cluster-id names no running silo, and which
/// clusters Redis does hold.</summary>
internal static class RedisMembers
{
    private const int Active = 3;                    // Orleans' SiloStatus.Active

    /// <summary>Null when the cluster has an active silo (or its entries cannot be read: Orleans decides then);
    /// otherwise why no run can start on it.</summary>
    public static async Task<string?> NoActiveSiloAsync(IConnectionMultiplexer redis, string endpoints,
        string clusterId)
    {
        var database = redis.GetDatabase();
        var prefix = ClusterSettings.DefaultClusterId + "/members/";
        int? mine = await ActiveAsync(database, prefix + clusterId).ConfigureAwait(false);
        if (mine is not 0) return null;
        var others = new List<string>();
        foreach (var server in redis.GetServers())
            await foreach (var key in server.KeysAsync(pattern: prefix + "*", pageSize: 100).ConfigureAwait(false))
            {
                var id = key.ToString()[prefix.Length..];
                if (id == clusterId) continue;
                if (await ActiveAsync(database, key).ConfigureAwait(false) is > 0 and var n)
                    others.Add($"'{id}' ({n} active {(n == 1 ? "silo" : "silos")})");
                if (others.Count == 10) break;
            }
        others.Sort(StringComparer.Ordinal);
        return others.Count == 0
            ? $"Redis at {endpoints} lists no active silo of cluster '{clusterId}', nor of any other: start silos "
              + $"with 'tcpswarm silo --redis {endpoints}' first"
            : $"Redis at {endpoints} lists no active silo of cluster '{clusterId}' (--cluster-id); it lists "
              + $"{string.Join(", ", others)}: give --cluster-id to match the silos'";
    }

    /// <summary>The silos the cluster's hash lists as active (ADDRESS:PORT@GENERATION); empty when it cannot be
    /// read.</summary>
    public static async Task<IReadOnlyList<string>> ActiveSilosAsync(IConnectionMultiplexer redis, string clusterId)
    {
        var silos = new List<string>();
        try
        {
            var key = ClusterSettings.DefaultClusterId + "/members/" + clusterId;
            foreach (var entry in await redis.GetDatabase().HashGetAllAsync(key).ConfigureAwait(false))
            {
                if (!entry.Name.ToString().StartsWith('S')) continue;
                using var json = JsonDocument.Parse(entry.Value.ToString());
                var root = json.RootElement;
                if (root.TryGetProperty("Status", out var status) && status.ValueKind == JsonValueKind.Number
                    && status.GetInt32() == Active
                    && root.TryGetProperty("SiloAddress", out var outer)
                    && outer.TryGetProperty("SiloAddress", out var inner) && inner.GetString() is { } address)
                    silos.Add(address);
            }
        }
        catch (Exception e) when (e is RedisException or JsonException or InvalidOperationException)
        {
            // Nothing more to say than what failed already.
        }
        silos.Sort(StringComparer.Ordinal);
        return silos;
    }

    // The number of active silos in a cluster's hash; null when an entry is not what we know how to read.
    private static async Task<int?> ActiveAsync(IDatabase database, RedisKey key)
    {
        if (await database.KeyTypeAsync(key).ConfigureAwait(false) != RedisType.Hash) return 0;
        int active = 0;
        foreach (var entry in await database.HashGetAllAsync(key).ConfigureAwait(false))
        {
            if (!entry.Name.ToString().StartsWith('S')) continue;           // "Version" and the like
            try
            {
                using var json = JsonDocument.Parse(entry.Value.ToString());
                if (!json.RootElement.TryGetProperty("Status", out var status)
                    || status.ValueKind != JsonValueKind.Number) return null;
                if (status.GetInt32() == Active) active++;
            }
            catch (JsonException)
            {
                return null;
            }
        }
        return active;
    }
}
