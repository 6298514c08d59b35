using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Jug.Cloud.Cli.Tests.EndToEnd;
using Jug.Cloud.Client;
using Jug.Cloud.Cluster.Hosting;
using Jug.Cloud.Cluster.Security;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.File;
using Jug.Cloud.Stores.Tests.Integration;
using Xunit.Abstractions;

namespace Jug.Cloud.Cli.Tests.Cluster;

/// <summary>
/// Mutual TLS as a user sets it up: a fleet CA and certificates from <c>jugcloud cert</c>, two silos
/// joined through a real Redis, a submitting client, the client API and <c>webstatus --cluster</c>
/// with certificates from that CA; clients without one, or with one from another CA, refused at once.
/// One cluster serves every case, since starting silos is what costs.
/// </summary>
[Collection(CliCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class ClusterTlsTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    /// <summary>Tasks that wait until both silos have started one, so both must have run some.</summary>
    private const string PairedTasks = """
        Enumerable.Range(0, 40).Select(i => Task(Steps.Pair, i)).ToList();

        public static class Steps
        {
            public static int Pair(int i)
            {
                File.WriteAllText($"pair-ran-in-{Environment.ProcessId}", "");
                var deadline = DateTime.UtcNow.AddMinutes(2);
                while (Directory.GetFiles(".", "pair-ran-in-*").Length < 2 && DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(20);
                }

                return i;
            }
        }
        """;

    private readonly TestServices _services = new();
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-cluster-tls-");
    private readonly List<SiloProcess> _processes = [];

    private string Work => _work.FullName;

    private string Cluster { get; } = $"?cluster=tls-{Guid.NewGuid():n}";

    private string ClusterUri => _services.Redis + Cluster;

    private string Jugdir => Path.Combine(Work, "jugdir");

    private string Ca => Path.Combine(Work, "ca", FleetCertificates.AuthorityCertificateName);

    private string Cert(string name) => Path.Combine(Work, "certs", name + ".crt");

    public Task InitializeAsync() => _services.InitializeAsync();

    public async Task DisposeAsync()
    {
        // Silos leave before the Redis they use stops.
        await Task.WhenAll(_processes.Select(p => p.DisposeAsync().AsTask()));
        await _services.DisposeAsync();
    }

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task Silos_with_fleet_certificates_run_a_graph_for_trusted_clients_and_refuse_others_in_one_line()
    {
        var clock = Stopwatch.StartNew();
        var outward = OutwardAddress();
        await CreateCertificatesAsync(outward);
        Jugfiles.Write(Work, PairedTasks);
        Assert.Equal(0, (await CliRunner.RunAsync(Work, "status", "--short", "--jugdir", Jugdir)).ExitCode); // build once

        string[] Tls(string name) => ["--tls-cert", Cert(name), "--tls-ca", Ca];
        var first = await StartAsync(SiloProcess.StartAsync(Work, ClusterUri, Jugdir, "silo-a", Tls("silo-a")));

        // A silo on an address other machines reach starts without --insecure when it has TLS.
        string[] beyondLoopback = outward is null ? [] : ["--address", outward.ToString()];
        if (outward is null)
        {
            output.WriteLine("This machine has no address beyond loopback: the second silo listens on loopback, so a TLS silo on an outward address is not tried.");
        }

        var second = await StartAsync(SiloProcess.StartAsync(Work, ClusterUri, Jugdir, "silo-b", [.. Tls("silo-b"), .. beyondLoopback]));
        Assert.Contains("mutual TLS", second.ReadyLine, StringComparison.Ordinal);
        Assert.DoesNotContain("Insecure", second.Log, StringComparison.Ordinal);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: CA, certificates, build and two silos");

        // A trusted client runs the graph; both silos ran tasks, so they reached each other over TLS.
        var submitted = await CliRunner.RunAsync(Work, ["submit", "--cluster", ClusterUri, "--jugdir", Jugdir, "--wait", .. Tls("client")]);
        Assert.True(submitted.ExitCode == 0, $"{submitted}\n--- silo-a\n{first.Log}\n--- silo-b\n{second.Log}");
        Assert.Contains("Executed 40 tasks", submitted.Output, StringComparison.Ordinal);
        Assert.Equal(["silo-a", "silo-b"], await WorkersAsync());
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: submitted and ran");

        // A certificate from another CA: refused in one line, at once rather than after the connection timeout.
        var watch = Stopwatch.StartNew();
        var stranger = await CliRunner.RunAsync(Work, "submit", "--cluster", ClusterUri, "--jugdir", Jugdir, "--wait", "--tls-cert", Cert("stranger"), "--tls-ca", Path.Combine(Work, "other-ca", FleetCertificates.AuthorityCertificateName));
        var strangerTime = watch.Elapsed;
        Assert.True(stranger.ExitCode == 2, stranger.ToString());
        var strangerLine = Assert.Single(stranger.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(strangerLine.Contains("TLS", StringComparison.Ordinal) || strangerLine.Contains("could be trusted", StringComparison.Ordinal), strangerLine);
        Assert.True(strangerTime < TimeSpan.FromSeconds(25), $"refused after {strangerTime}");

        // No TLS at all: refused in one line that names TLS as the likely cause.
        watch.Restart();
        var plain = await CliRunner.RunAsync(Work, "submit", "--cluster", ClusterUri, "--jugdir", Jugdir, "--wait");
        var plainTime = watch.Elapsed;
        Assert.True(plain.ExitCode == 2, plain.ToString());
        var plainLine = Assert.Single(plain.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("require TLS", plainLine, StringComparison.Ordinal);
        Assert.True(plainTime < TimeSpan.FromSeconds(25), $"refused after {plainTime}");
        output.WriteLine($"refused: another CA's client in {strangerTime.TotalSeconds:F1} s, a plain-text client in {plainTime.TotalSeconds:F1} s");

        // The client API: with the fleet's certificate it connects; without, it is told why.
        await using (var store = new StoreRegistry().AddFileStore().Open(Jugdir))
        {
            var trusted = new ClusterTlsOptions { CertificateFile = Cert("client"), AuthorityFile = Ca };
            await using (var client = await JugClient.ConnectAsync(ClusterUri, trusted, store, Jugdir, name: "api-client"))
            {
                Assert.True(client.IsCluster);
            }

            await Assert.ThrowsAsync<ClusterAuthenticationException>(() => JugClient.ConnectAsync(ClusterUri, store, Jugdir, name: "api-plain"));
        }

        // The cluster page connects with the same options and lists both silos.
        var page = await StartAsync(SiloProcess.StartAsync(Work, "webstatus", "Status of cluster ",
            ["webstatus", "--cluster", ClusterUri, "--port", "0", "--cache-dir", Path.Combine(Work, "page-cache"), .. Tls("client")]));
        using var http = new HttpClient();
        var workers = await http.GetAsync(new Uri(PageAddress(page.ReadyLine), "/api/workers"));
        var body = await workers.Content.ReadAsStringAsync();
        Assert.True(workers.StatusCode == HttpStatusCode.OK, $"{workers.StatusCode}: {body}\n{page.Log}");
        Assert.Contains("\"silo-a\"", body, StringComparison.Ordinal);
        Assert.Contains("\"silo-b\"", body, StringComparison.Ordinal);

        // The refused clients left the silos' logs readable: a warning per refused connection, with no
        // stack trace and no screen-long line.
        Assert.Contains("TlsServerConnectionMiddleware: Authentication failed", first.Log + second.Log, StringComparison.Ordinal);
        foreach (var silo in new[] { first, second })
        {
            Assert.DoesNotContain("   at ", silo.Log, StringComparison.Ordinal);
            var longLines = silo.Log.Split('\n').Where(l => l.Length > 300 && !l.StartsWith("Silo ", StringComparison.Ordinal)).ToList();
            Assert.True(longLines.Count == 0, string.Join("\n", longLines));
        }

        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s in all");
    }

    private async Task<SiloProcess> StartAsync(Task<SiloProcess> starting)
    {
        var process = await starting;
        _processes.Add(process);
        return process;
    }

    /// <summary>The fleet CA, a certificate per silo and one for the client; another CA and a certificate from it.</summary>
    private async Task CreateCertificatesAsync(IPAddress? outward)
    {
        async Task Run(params string[] arguments)
        {
            var result = await CliRunner.RunAsync(Work, arguments);
            Assert.True(result.ExitCode == 0, result.ToString());
        }

        await Run("cert", "create-ca", "--out", "ca");
        await Run("cert", "create-ca", "--out", "other-ca");
        await Run("cert", "create", "--ca", "ca", "--name", "silo-a", "--ip", "127.0.0.1", "--out", "certs");
        await Run("cert", "create", "--ca", "ca", "--name", "silo-b", "--ip", outward?.ToString() ?? "127.0.0.1", "--out", "certs");
        await Run("cert", "create", "--ca", "ca", "--name", "client", "--out", "certs");
        await Run("cert", "create", "--ca", "other-ca", "--name", "stranger", "--out", "certs");
    }

    private async Task<string[]> WorkersAsync()
    {
        await using var store = new StoreRegistry().AddFileStore().Open(Jugdir);
        var runs = await store.ListRunsAsync().ToListAsync();
        return [.. runs.Where(r => r.Succeeded).Select(r => r.Worker).Distinct().Order(StringComparer.Ordinal)];
    }

    private static Uri PageAddress(string line)
    {
        var start = line.IndexOf("http://", StringComparison.Ordinal);
        var end = line.IndexOf(' ', start);
        return new Uri(line[start..end]);
    }

    /// <summary>The address this machine reaches others at, or null if it has none beyond loopback.</summary>
    private static IPAddress? OutwardAddress()
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Connect(IPAddress.Parse("192.0.2.254"), 9);
            var address = ((IPEndPoint)socket.LocalEndPoint!).Address;
            return IPAddress.IsLoopback(address) ? null : address;
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
