namespace Jug.Cloud.Stores.Tests.Integration;

/// <summary>
/// A Redis of its own that listens with TLS only and opens only to an ACL user (its default user is
/// off), started with <c>infra/services.sh --redis-tls --redis-user</c>: a throwaway CA, server and
/// client certificate under the state directory.
/// </summary>
public sealed class SecureRedis : IAsyncLifetime
{
    /// <summary>The ACL user's name.</summary>
    public const string User = "jugtls";

    /// <summary>The ACL user's password.</summary>
    public const string Password = "Tls-pw-93e1b7";

    private readonly string _state = Directory.CreateTempSubdirectory("jugcloud-secure-redis-").FullName;

    /// <summary><c>rediss://user:password@127.0.0.1:port</c>, without a query.</summary>
    public string Address { get; private set; } = "";

    /// <summary>The CA that issued the server's and the client's certificates.</summary>
    public string CaFile => Path.Combine(_state, "tls", "ca.pem");

    /// <summary>A client certificate the CA issued, and its key.</summary>
    public (string Cert, string Key) ClientCertificate => (Path.Combine(_state, "tls", "client.pem"), Path.Combine(_state, "tls", "client.key"));

    /// <summary>A store URI on this server with <paramref name="query"/> after the CA (e.g. <c>prefix=x:</c>).</summary>
    public string Store(string query) => $"{Address}?ca={CaFile}&{query}";

    public async Task InitializeAsync()
    {
        var exports = await TestServices.RunAsync("start", "--only", "redis", "--state", _state, "--redis-tls", "--redis-user", $"{User}:{Password}");
        var uri = exports.Split('\n').Single(l => l.StartsWith("export JUGCLOUD_TEST_REDIS=", StringComparison.Ordinal))["export JUGCLOUD_TEST_REDIS=".Length..].Trim();
        Assert.StartsWith($"rediss://{User}:{Password}@", uri, StringComparison.Ordinal);
        Assert.EndsWith($"?ca={CaFile}", uri, StringComparison.Ordinal);
        Address = uri[..uri.IndexOf('?', StringComparison.Ordinal)];
    }

    public async Task DisposeAsync()
    {
        await TestServices.RunAsync("stop", "--state", _state);
        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SecureRedisCollection : ICollectionFixture<SecureRedis>
{
    public const string Name = "Redis with TLS and an ACL user";
}
