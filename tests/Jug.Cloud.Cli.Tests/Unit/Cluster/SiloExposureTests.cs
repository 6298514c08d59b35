using System.Net;
using Jug.Cloud.Cluster;
using Jug.Cloud.Cluster.Hosting;
using Jug.Cloud.Cluster.Workers;
using Microsoft.Extensions.DependencyInjection;

namespace Jug.Cloud.Cli.Tests.Unit.Cluster;

/// <summary>A silo reachable from other machines without TLS starts only when told that is accepted.</summary>
[Trait("Category", "Unit")]
public sealed class SiloExposureTests
{
    [Theory]
    [InlineData("redis://127.0.0.1:6379", null, false)]
    [InlineData("redis://localhost:6379", null, false)]
    [InlineData("redis://10.0.0.5:6379", "127.0.0.1", false)]
    [InlineData("redis://127.0.0.1:6379", "10.0.0.7", true)]
    [InlineData("redis://10.0.0.5:6379", null, true)]
    [InlineData("redis://127.0.0.1:6379", "0.0.0.0", true)]
    public void A_silo_beyond_loopback_is_refused_unless_insecure(string redis, string? advertised, bool refused)
    {
        var options = new JugCloudClusterOptions { Redis = redis, AdvertisedAddress = advertised is null ? null : IPAddress.Parse(advertised) };
        var failures = Validate(options);
        Assert.Equal(refused, failures.Any(f => f.Contains("without TLS", StringComparison.Ordinal)));

        options.Insecure = true;
        Assert.DoesNotContain(Validate(options), f => f.Contains("without TLS", StringComparison.Ordinal));
    }

    [Fact]
    public void The_refusal_names_the_address_and_the_way_out_and_no_password()
    {
        var options = new JugCloudClusterOptions { Redis = "redis://:s3cret-pw@10.0.0.5:6379", AdvertisedAddress = IPAddress.Parse("10.0.0.7") };
        var refusal = Assert.Single(Validate(options));
        Assert.Contains("10.0.0.7", refusal, StringComparison.Ordinal);
        Assert.Contains("--insecure", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", refusal, StringComparison.Ordinal);
        Assert.NotNull(SiloExposure.Refusal(options, ClusterAddress.Parse(options.Redis!)));
    }

    private static IReadOnlyList<string> Validate(JugCloudClusterOptions options)
    {
        var services = new ServiceCollection().AddSingleton<IRunPlanReader>(new PackagePlanReader()).BuildServiceProvider();
        var result = new JugCloudClusterOptionsValidator(services.GetRequiredService<IServiceProviderIsService>()).Validate(null, options);
        return result.Failures?.ToList() ?? [];
    }
}
