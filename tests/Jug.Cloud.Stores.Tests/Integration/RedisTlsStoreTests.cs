using System.Diagnostics;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.Redis;
using StackExchange.Redis;

namespace Jug.Cloud.Stores.Tests.Integration;

/// <summary>The store contract on a Redis reached through <c>rediss://</c> as an ACL user, trusting the server's CA by <c>ca=</c>.</summary>
[Collection(SecureRedisCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RedisTlsStoreConformanceTests(SecureRedis redis) : StoreConformanceTests
{
    private readonly string _prefix = $"tls-{Guid.NewGuid():n}:";

    protected override IJugStore CreateStore() =>
        RedisJugStore.Connect(RedisStoreProvider.ToOptions(StoreLocation.Parse(redis.Store($"prefix={_prefix}")), Clock));

    /// <summary>Cuts the stored value in half behind the store's back, over the same TLS connection settings.</summary>
    protected override async Task CorruptAsync(TaskHash key)
    {
        await using var raw = await ConnectionMultiplexer.ConnectAsync(RedisStoreProvider.ToOptions(StoreLocation.Parse(redis.Store("prefix=x"))).Configuration);
        var database = raw.GetDatabase();
        byte[] value = (await database.StringGetAsync(_prefix + "r:" + key))!;
        await database.StringSetAsync(_prefix + "r:" + key, value[..(value.Length / 2)]);
    }

    [Fact]
    public async Task A_client_certificate_from_the_uri_is_presented_and_the_store_works()
    {
        var (cert, key) = redis.ClientCertificate;
        await using var store = new StoreRegistry().AddRedisStore(Clock).Open(redis.Store($"prefix={_prefix}mtls:&cert={cert}&key={key}"));
        await store.PutAsync(Key(1), Value(1));
        Assert.Equal(Value(1), await store.GetAsync(Key(1)));
    }
}

/// <summary>What a <c>rediss://</c> jugdir refuses, each as one line without the password.</summary>
[Collection(SecureRedisCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RedisTlsRefusalTests(SecureRedis redis) : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-redis-tls-");

    [Fact]
    public void A_server_whose_certificate_another_ca_issued_is_not_trusted()
    {
        var otherCa = Path.Combine(_work.FullName, "other-ca.pem");
        var openssl = Process.Start(new ProcessStartInfo("openssl", ["req", "-x509", "-new", "-nodes", "-newkey", "rsa:2048", "-days", "1",
            "-subj", "/CN=other", "-keyout", Path.Combine(_work.FullName, "other.key"), "-out", otherCa]) { RedirectStandardError = true })!;
        openssl.WaitForExit();
        Assert.Equal(0, openssl.ExitCode);

        var error = Open($"{redis.Address}?ca={otherCa}&connectTimeout=3000");
        Assert.Contains("cannot be reached", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_servers_ca_the_machine_roots_do_not_trust_it()
    {
        var error = Open($"{redis.Address}?connectTimeout=3000");
        Assert.Contains("cannot be reached", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_password_for_the_acl_user_is_refused()
    {
        var error = Open(redis.Store("connectTimeout=3000").Replace(SecureRedis.Password, "not-the-password", StringComparison.Ordinal));
        Assert.Contains("cannot be reached", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ca=/nonexistent/ca.pem", "not a readable")]
    [InlineData("cert=/nonexistent/c.pem", "both cert= and key=")]
    [InlineData("cert=/nonexistent/c.pem&key=/nonexistent/c.key", "not a readable PEM certificate")]
    public void Bad_tls_files_are_named_before_connecting(string query, string problem)
    {
        var error = Open($"{redis.Address}?{query}");
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tls_files_on_a_plain_redis_uri_are_refused()
    {
        var error = Open($"redis://{SecureRedis.User}:{SecureRedis.Password}@127.0.0.1:6379?ca={redis.CaFile}");
        Assert.Contains("write rediss://", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _work.Delete(recursive: true);

    private static JugStoreException Open(string uri)
    {
        var error = Assert.Throws<JugStoreException>(() => new StoreRegistry().AddRedisStore().Open(uri).DisposeAsync().AsTask().GetAwaiter().GetResult());
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain(SecureRedis.Password, error.Message, StringComparison.Ordinal);
        return error;
    }
}
