using Jug.Cloud.Storage;
using Jug.Cloud.Stores.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Jug.Cloud.Hosting.Tests;

/// <summary>Named stores in a host's services: resolved by name, validated at start, secrets kept out of messages.</summary>
[Trait("Category", "Unit")]
public sealed class StoreHostingTests
{
    [Fact]
    public async Task Stores_resolve_by_name_once_each_and_the_default_is_its_own()
    {
        await using var services = new ServiceCollection()
            .AddMemoryStoreProvider()
            .AddJugStore("scratch", "memory:")
            .AddJugStoreAsDefault("memory:")
            .BuildServiceProvider();
        var stores = services.GetRequiredService<IJugStores>();

        Assert.Equal(["default", "scratch"], stores.Names.Order(StringComparer.Ordinal));
        var scratch = stores.Get("scratch");
        Assert.Same(scratch, stores.Get("scratch"));
        Assert.NotSame(scratch, stores.Default);
        var missing = Assert.Throws<JugStoreException>(() => stores.Get("results"));
        Assert.Contains("'results'", missing.Message, StringComparison.Ordinal);
        Assert.Contains("registered: default, scratch", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_scheme_fails_start_up_naming_the_store_the_property_and_the_scheme()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddFileStoreProvider().AddJugStore("results", "foo://bucket/prefix");
        using var host = builder.Build();

        var message = await StartupFailure.MessageOfAsync(() => host.StartAsync());
        Assert.Contains("JugStoreOptions 'results': Uri 'foo://bucket/prefix' has an unknown scheme 'foo'", message, StringComparison.Ordinal);
        Assert.Contains("registered providers: file", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_uri_fails_start_up_naming_the_property()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddFileStoreProvider().AddJugStore("results", _ => { });
        using var host = builder.Build();

        var message = await StartupFailure.MessageOfAsync(() => host.StartAsync());
        Assert.Contains("JugStoreOptions 'results': Uri is required", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passwords_and_keys_never_show_in_options_or_validation_messages()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddRedisStoreProvider()
            .AddJugStore("good", "redis://jug:hunter2@127.0.0.1:6379/0")
            .AddJugStore("bad", "rediz://jug:hunter2@127.0.0.1:6379/0")
            .AddAzureBlobStoreProvider(o => o.ConnectionString = "DefaultEndpointsProtocol=http;AccountName=dev;AccountKey=c2VjcmV0a2V5;BlobEndpoint=http://127.0.0.1:1/dev;");
        using var host = builder.Build();

        var message = await StartupFailure.MessageOfAsync(() => host.StartAsync());
        Assert.Contains("JugStoreOptions 'bad'", message, StringComparison.Ordinal);
        Assert.DoesNotContain("JugStoreOptions 'good'", message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", message, StringComparison.Ordinal);

        var good = host.Services.GetRequiredService<IOptionsMonitor<JugStoreOptions>>().Get("good");
        Assert.Equal("redis://jug:***@127.0.0.1:6379/0", good.ToString());
        var azure = host.Services.GetRequiredService<IOptions<AzureBlobStoreProviderOptions>>().Value.ToString();
        Assert.Contains("AccountKey=***", azure, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0a2V5", azure, StringComparison.Ordinal);
    }
}
