using Jug.Cloud.Hashing;
using Jug.Cloud.Hosting;
using Jug.Cloud.Runtime.Monitoring;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.Memory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jug.Cloud.Telemetry.Tests;

/// <summary>/metrics read directly from a web app with the metrics extensions: the names, and no secret of a store's URI.</summary>
[Trait("Category", "Unit")]
public sealed class ScrapeTests
{
    private const string Password = "hunter2-s3cr3t";

    [Fact]
    public async Task Metrics_name_every_instrument_and_label_stores_by_provider_without_their_secrets()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddJugCloudMetrics();
        builder.Services.AddJugStoreProvider(_ => new VaultStoreProvider());
        builder.Services.AddJugStore("secret", $"vault://admin:{Password}@store.example.invalid/jugdir?token={Password}");
        await using var app = builder.Build();
        app.MapJugCloudMetrics();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await app.StartAsync(timeout.Token);
        try
        {
            var store = app.Services.GetRequiredService<IJugStores>().Get("secret");
            var key = CanonicalHash.OfValue("scrape-test");
            await store.PutAsync(key, new byte[] { 1 }, timeout.Token);
            Assert.True((await store.ExistsAsync([key], timeout.Token))[0]);
            TaskMetrics.RecordGroup([new RunRecord(key, "Scrape.Task", "w", DateTimeOffset.UtcNow, TimeSpan.FromSeconds(0.2), 1, true)]);

            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            using var http = new HttpClient();
            var text = await http.GetStringAsync(new Uri(new Uri(address), "/metrics"), timeout.Token);

            Assert.Contains("jugcloud_store_duration_seconds_bucket{", text);
            Assert.Contains("provider=\"vault\"", text);
            Assert.Contains("operation=\"put\"", text);
            Assert.Contains("jugcloud_tasks_finished_total{", text);
            Assert.Contains("name=\"Scrape.Task\"", text);
            Assert.Contains("jugcloud_task_duration_seconds_bucket{", text);
            Assert.Contains("jugcloud_desired_silos", text);
            Assert.Contains("jugcloud_slots", text);
            Assert.DoesNotContain(Password, text);
            Assert.DoesNotContain("admin", text);
            Assert.DoesNotContain("store.example.invalid", text);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>A provider for a URI that carries credentials; it keeps what it is given in memory.</summary>
    private sealed class VaultStoreProvider : IStoreProvider
    {
        public IReadOnlyCollection<string> Schemes { get; } = ["vault"];

        public IJugStore Open(StoreLocation location) => new MemoryJugStore();
    }
}
