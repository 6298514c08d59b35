using StackExchange.Redis;

namespace Jug.Cloud.Stores.Redis;

/// <summary>Settings of a Redis store.</summary>
public sealed record RedisStoreOptions
{
    /// <summary>How to reach the server or servers (endpoints, credentials, database, TLS, timeouts).</summary>
    public required ConfigurationOptions Configuration { get; init; }

    /// <summary>
    /// The endpoints of <see cref="Configuration"/> are independent servers that share the keys by task
    /// hash (one connection each), not one server, its replicas or the nodes of a Redis Cluster (one
    /// connection to all). The server list must then stay the same, in the same order, for the jugdir's life.
    /// </summary>
    public bool Sharded { get; init; }

    /// <summary>Every key the store writes starts with this, so several jugdirs can share one database.</summary>
    public string KeyPrefix { get; init; } = "jugcloud:";

    /// <summary>
    /// Results larger than this are written and read in pieces of this size (SETRANGE/GETRANGE on a
    /// temporary key, then an atomic rename), so a huge value neither blocks the shared connection
    /// nor sits in the client's buffers whole. 4 MiB by default.
    /// </summary>
    public int ChunkSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>How long an operation keeps retrying through connection faults (a restarting server) before it fails.</summary>
    public TimeSpan RetryFor { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock used for claim expiry (tests pass a fake one). Expiry is compared in the client, not by server TTLs.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The store's name in messages; must not hold a password.</summary>
    public string DisplayName { get; init; } = "redis";
}
