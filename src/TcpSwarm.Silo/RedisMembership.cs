using StackExchange.Redis;

namespace TcpSwarm.Silo;

/// <summary>A Redis server holding a cluster's membership, from a StackExchange.Redis connection string
/// ("HOST:PORT", optionally ",password=…"): what connects to it, and what may be printed of it.</summary>
/// <remarks>The password goes to Redis and nowhere else: <see cref="Endpoints"/> and <see cref="ToString"/> name the
/// address only.</remarks>
public sealed class RedisMembership
{
    private RedisMembership(ConfigurationOptions options, string endpoints)
    {
        Options = options;
        Endpoints = endpoints;
    }

    /// <summary>The options to connect with; never print them.</summary>
    public ConfigurationOptions Options { get; }

    /// <summary>The server's address, HOST:PORT, safe to print.</summary>
    public string Endpoints { get; }

    /// <summary>Reads a connection string; null and a reason when it names no server.</summary>
    /// <param name="password">A password from elsewhere (the environment, a file), which replaces one the string
    /// gives; null: the string's own, if any.</param>
    public static RedisMembership? Parse(string text, out string? problem, string? password = null)
    {
        problem = null;
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(text);
        }
        catch (ArgumentException e)
        {
            problem = "is not a Redis connection string (HOST:PORT, optionally ,password=…): " + e.Message;
            return null;
        }
        if (options.EndPoints.Count == 0)
        {
            problem = "names no Redis server; use HOST:PORT";
            return null;
        }
        if (password is not null) options.Password = password;
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = 3000;
        options.ConnectRetry = 1;
        return new RedisMembership(options, string.Join(",", options.EndPoints.Select(EndPointCollection.ToString)));
    }

    /// <summary>Connects once, briefly, so that an unreachable server is named within seconds rather than waited on.
    /// </summary>
    public async Task CheckReachableAsync()
    {
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(Options.Clone());
            await connection.GetDatabase().PingAsync();
        }
        catch (RedisConnectionException e)
        {
            throw new ClusterUnreachableException($"cannot reach Redis at {Endpoints} ({e.FailureType})");
        }
        catch (RedisException e)
        {
            throw new ClusterUnreachableException($"Redis at {Endpoints} refused the connection ({e.GetType().Name})");
        }
    }

    /// <summary>Connects for as long as the caller keeps the connection (a run's watchdog pings through it).
    /// </summary>
    public async Task<ConnectionMultiplexer> ConnectAsync()
    {
        try
        {
            var options = Options.Clone();
            options.AbortOnConnectFail = true;
            var connection = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
            try
            {
                await connection.GetDatabase().PingAsync().ConfigureAwait(false);
                return connection;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }
        catch (RedisConnectionException e)
        {
            throw new ClusterUnreachableException($"cannot reach Redis at {Endpoints} ({e.FailureType})");
        }
        catch (RedisException e)
        {
            throw new ClusterUnreachableException($"Redis at {Endpoints} refused the connection ({e.GetType().Name})");
        }
    }

    public override string ToString() => Endpoints;
}
