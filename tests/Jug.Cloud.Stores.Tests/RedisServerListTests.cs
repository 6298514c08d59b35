using System.Net;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.Redis;

namespace Jug.Cloud.Stores.Tests;

/// <summary>How a Redis URI names several servers: shards by default, a Redis Cluster's seeds with <c>cluster=true</c>.</summary>
[Trait("Category", "Unit")]
public sealed class RedisServerListTests
{
    [Fact]
    public void Several_hosts_are_parsed_in_order_with_the_first_as_host_and_port()
    {
        var location = StoreLocation.Parse("redis://u:hunter2@a.local:7001,b.local,[::1]:7003/2?prefix=x");
        Assert.Equal([new StoreHost("a.local", 7001), new StoreHost("b.local", null), new StoreHost("[::1]", 7003)], location.Hosts);
        Assert.Equal(("a.local", 7001), (location.Host, location.Port));
        Assert.Equal(("u", "hunter2"), (location.UserName, location.Password));
        Assert.Equal("x", location.Query["prefix"]);
        Assert.Equal("redis://u:***@a.local:7001,b.local,[::1]:7003/2?prefix=x", location.Redacted);
    }

    [Fact]
    public void One_host_is_a_list_of_one()
    {
        var location = StoreLocation.Parse("redis://cache:6380");
        Assert.Equal([new StoreHost("cache", 6380)], location.Hosts);
        Assert.False(RedisStoreProvider.ToOptions(location).Sharded);
    }

    [Fact]
    public void A_server_list_is_sharded_unless_it_names_a_cluster()
    {
        var shards = RedisStoreProvider.ToOptions(StoreLocation.Parse("redis://127.0.0.1:7001,127.0.0.1:7002,127.0.0.1"));
        Assert.True(shards.Sharded);
        Assert.Equal(
            [new IPEndPoint(IPAddress.Loopback, 7001), new IPEndPoint(IPAddress.Loopback, 7002), new IPEndPoint(IPAddress.Loopback, 6379)],
            shards.Configuration.EndPoints.ToArray());

        var cluster = RedisStoreProvider.ToOptions(StoreLocation.Parse("redis://127.0.0.1:7001,127.0.0.1:7002/?cluster=true&prefix=p:"));
        Assert.False(cluster.Sharded);
        Assert.Equal(2, cluster.Configuration.EndPoints.Count);
        Assert.Equal("p:", cluster.KeyPrefix);
    }

    [Theory]
    [InlineData("redis://a:1,,b:2", "in its server list")]
    [InlineData("redis://a:1,b:notaport", "in its server list")]
    [InlineData("redis://u:hunter2@a:1,x@b:2", "is not a valid URI")]
    [InlineData("redis://a,a:6379", "lists a server twice")]
    [InlineData("redis://a:1,:2", "in its server list")]
    [InlineData("redis://a:1,a:1", "lists a server twice")]
    [InlineData("redis://a:1,b:2/3?cluster=true", "only database 0")]
    [InlineData("redis://a:1,b:2?cluster=maybe", "cluster='maybe'")]
    public void A_malformed_server_list_is_a_one_line_error_without_the_password(string uri, string problem)
    {
        var error = Assert.Throws<JugStoreException>(() => RedisStoreProvider.ToOptions(StoreLocation.Parse(uri)));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }
}
