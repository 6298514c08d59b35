using System.Net;
using System.Text.RegularExpressions;
using Jug.Cloud.Cli.Tests.EndToEnd;
using Jug.Cloud.Stores.Tests.Integration;

namespace Jug.Cloud.Cli.Tests.Cluster;

/// <summary>
/// The status page as a user starts it: <c>silo --web</c> and <c>webstatus --cluster</c> as processes,
/// closed unless a token is given, tokens never printed.
/// </summary>
[Collection(CliCollection.Name)]
[Trait("Category", "Cluster")]
public sealed partial class WebCommandTests : IAsyncLifetime, IDisposable
{
    private const string ReadToken = "rd-7f3c2a91e5";
    private const string WriteToken = "wr-0b6d48c1a2";

    private readonly TestServices _services = new();
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-web-command-");

    private string Work => _work.FullName;

    private string Jugdir => Path.Combine(Work, "jugdir");

    public Task InitializeAsync() => _services.InitializeAsync();

    public Task DisposeAsync() => _services.DisposeAsync();

    public void Dispose() => _work.Delete(recursive: true);

    [Theory]
    [InlineData("webstatus", "--address", "--port")]
    [InlineData("silo", "--web-address", "--web")]
    public async Task A_page_on_every_interface_without_a_token_is_refused_in_one_line_before_anything_starts(string command, string address, string port)
    {
        var result = await CliRunner.RunAsync(Work, command, "--cluster", "redis://127.0.0.1:1?cluster=nobody", "--jugdir", Jugdir, address, "0.0.0.0", port, "0");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--web-token", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Jugdir), "Nothing may be written before the refusal.");
    }

    [Fact]
    public async Task A_silo_page_and_a_cluster_page_on_every_interface_need_the_token_and_list_the_silo()
    {
        var cluster = $"{_services.Redis}?cluster=web-command-{Guid.NewGuid():n}";
        string[] silo = ["silo", "--cluster", cluster, "--jugdir", Jugdir, "--slots", "1", "--name", "paged-silo", "--cache-dir", Path.Combine(Work, "cache"),
            "--web", "0", "--web-token", ReadToken, "--web-write-token", WriteToken];
        await using var siloProcess = await SiloProcess.StartAsync(Work, "paged-silo", "Status page at ", silo);
        var siloPage = PageAddress(siloProcess.ReadyLine);
        using var http = new HttpClient();

        foreach (var path in new[] { "/metrics", "/orleans", "/api/workers" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, new Uri(siloPage, path), token: null));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, new Uri(siloPage, path), ReadToken));
        }

        Assert.Contains("jugcloud_silos", await ReadAsync(http, new Uri(siloPage, "/metrics"), ReadToken), StringComparison.Ordinal);

        string[] webstatus = ["webstatus", "--cluster", cluster, "--address", "0.0.0.0", "--port", "0", "--web-token", ReadToken, "--cache-dir", Path.Combine(Work, "page-cache")];
        await using var pageProcess = await SiloProcess.StartAsync(Work, "webstatus", "Status of cluster ", webstatus);
        var clusterPage = new Uri($"http://127.0.0.1:{PageAddress(pageProcess.ReadyLine).Port}/");

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, clusterPage, token: null));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, clusterPage, ReadToken));
        Assert.Contains("\"paged-silo\"", await ReadAsync(http, new Uri(clusterPage, "/api/workers"), ReadToken), StringComparison.Ordinal);

        Assert.Equal(0, await pageProcess.TerminateAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(0, await siloProcess.TerminateAsync(TimeSpan.FromMinutes(1)));
        foreach (var log in new[] { siloProcess.Log, pageProcess.Log })
        {
            Assert.DoesNotContain(ReadToken, log, StringComparison.Ordinal);
            Assert.DoesNotContain(WriteToken, log, StringComparison.Ordinal);
        }
    }

    private static Uri PageAddress(string line) =>
        Address().Match(line) is { Success: true } match ? new Uri(match.Value) : throw new InvalidOperationException($"No address in '{line}'.");

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, Uri uri, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (token is not null)
        {
            request.Headers.Add("X-JugCloud-Token", token);
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<string> ReadAsync(HttpClient http, Uri uri, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Add("X-JugCloud-Token", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex(@"https?://[^\s/]+/?")]
    private static partial Regex Address();
}
