using System.Net;
using Jug.Cloud.Cluster;

namespace Jug.Cloud.Cli.Tests.Unit.Cluster;

/// <summary>A cluster meets on one Redis server; a server list, as a sharded store takes, is refused.</summary>
[Trait("Category", "Unit")]
public sealed class ClusterAddressTests
{
    [Theory]
    [InlineData("redis://:hunter2@127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003", 3)]
    [InlineData("rediss://jug:hunter2@10.0.0.5,10.0.0.6/2?cluster=prod", 2)]
    public void A_server_list_is_refused_in_one_line_without_the_password(string uri, int servers)
    {
        var error = Assert.Throws<ArgumentException>(() => ClusterAddress.Parse(uri));

        Assert.Contains($"lists {servers} servers", error.Message, StringComparison.Ordinal);
        Assert.Contains("give one", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("redis://u:hunter2@127.0.0.1:99999", "--cluster 'redis://u:***@127.0.0.1:99999' is not a valid URI.")]
    [InlineData("redis:u:hunter2@127.0.0.1", "--cluster 'redis:u:***@127.0.0.1' is missing '//' after 'redis:'")]
    [InlineData("redis://u:hunter2@127.0.0.1:1,,x", "--cluster 'redis://u:***@127.0.0.1:1,,x' has '' in its server list")]
    public void A_malformed_address_is_said_of_the_cluster_without_the_password(string uri, string start)
    {
        var error = Assert.Throws<ArgumentException>(() => ClusterAddress.Parse(uri));

        Assert.StartsWith(start, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("jugdir", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_server_is_the_one_endpoint()
    {
        var address = ClusterAddress.Parse("redis://:hunter2@10.0.0.5:7001/2?cluster=prod");

        Assert.Equal("10.0.0.5", address.Host);
        var endpoint = Assert.IsType<IPEndPoint>(Assert.Single(address.Redis.EndPoints));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.0.0.5"), 7001), endpoint);
        Assert.Equal(2, address.Redis.DefaultDatabase);
        Assert.Equal("prod", address.ClusterId);
        Assert.DoesNotContain("hunter2", address.Display, StringComparison.Ordinal);
    }
}
