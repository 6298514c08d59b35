using Jug.Cloud.Cli.Tests.EndToEnd;
using Jug.Cloud.Encoding;
using Jug.Cloud.Stores.Tests.Integration;

namespace Jug.Cloud.Cli.Tests.Cluster;

/// <summary>
/// A <c>jugcloud silo</c> given the fleet's public key: it loads only code whose id carries the fleet's
/// signature and whose content matches its id; a refused bundle fails the run with a reason naming it.
/// </summary>
[Collection(CliCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class ClusterTrustTests : IAsyncLifetime, IDisposable
{
    private readonly TestServices _services = new();
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-cluster-trust-");
    private readonly string _prefix = Guid.NewGuid().ToString("n")[..12];
    private SiloProcess? _silo;

    private string Work => _work.FullName;

    private string Cluster => $"{_services.Redis}?cluster=trust-{_prefix}";

    private string Jugdir => Path.Combine(Work, "jugdir");

    private string Bundles => Path.Combine(Jugdir, "bundles");

    public Task InitializeAsync() => _services.InitializeAsync();

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        await _services.DisposeAsync();
    }

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task A_trusting_silo_refuses_unsigned_and_changed_bundles_and_runs_signed_ones()
    {
        var created = await CliRunner.RunAsync(Work, "key", "create", "--out", "fleet.key");
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains("BEGIN PUBLIC KEY", await File.ReadAllTextAsync(Path.Combine(Work, "fleet.pub")), StringComparison.Ordinal);
        Assert.Equal(2, (await CliRunner.RunAsync(Work, "key", "create", "--out", "fleet.key")).ExitCode); // never overwritten

        Jugfiles.Write(Work, ClusterJugfiles.Squares);
        _silo = await SiloProcess.StartAsync(Work, Cluster, Jugdir, "silo-t", "--trust-key", "fleet.pub");

        // Unsigned: refused, the run fails naming the bundle, one line in the silo's log.
        var unsigned = await CliRunner.RunAsync(Work, "submit", "--cluster", Cluster, "--jugdir", Jugdir, "--wait", "jugfile.cs", "--", "20");
        Assert.True(unsigned.ExitCode == 1, unsigned.ToString());
        var bundle = CodeBundle();
        Assert.Contains($"Bundle {bundle} refused: it is not signed", unsigned.Error, StringComparison.Ordinal);
        Assert.Single(_silo.Log.Split('\n'), l => l.Contains($"Bundle {bundle} refused", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", _silo.Log, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Work, "cache-silo-t", bundle)));

        // Changed by one byte in the store (in a well-formed envelope, as someone with write access
        // could), then signed: the content no longer matches its id, so it is never unpacked.
        var path = Path.Combine(Bundles, bundle);
        var original = await File.ReadAllBytesAsync(path);
        var content = StoredObject.Open(original).Payload.ToArray();
        content[content.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(path, StoredObject.Wrap(CodecId.Bytes, 0, content));
        var changed = await CliRunner.RunAsync(Work, "submit", "--cluster", Cluster, "--jugdir", Jugdir, "--wait", "--sign-key", "fleet.key", "jugfile.cs", "--", "20");
        Assert.True(changed.ExitCode == 1, changed.ToString());
        Assert.Contains($"Bundle {bundle} refused: its content does not match its id", changed.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Work, "cache-silo-t", bundle)));

        // The genuine bundle, signed: it runs.
        File.Delete(path);
        var signed = await CliRunner.RunAsync(Work, "submit", "--cluster", Cluster, "--jugdir", Jugdir, "--wait", "--sign-key", "fleet.key", "jugfile.cs", "--", "20");
        Assert.True(signed.ExitCode == 0, $"{signed}\n{_silo.Log}");
        Assert.Contains("Executed 21 tasks", signed.Output, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(Work, "cache-silo-t", bundle)));
    }

    [Fact]
    public async Task A_silo_on_an_outward_address_without_tls_refuses_to_start_and_with_insecure_warns_once()
    {
        var outward = OutwardAddress();
        var refused = await CliRunner.RunAsync(Work, "silo", "--cluster", Cluster, "--jugdir", Jugdir, "--address", outward, "--cache-dir", Path.Combine(Work, "cache"));
        Assert.True(refused.ExitCode == 2, refused.ToString());
        var line = Assert.Single(refused.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"listen on {outward} without TLS", line, StringComparison.Ordinal);
        Assert.Contains("--insecure", line, StringComparison.Ordinal);
        Assert.DoesNotContain("joined cluster", refused.Output, StringComparison.Ordinal);

        _silo = await SiloProcess.StartAsync(Work, Cluster, Jugdir, "silo-open", "--address", outward, "--insecure");
        Assert.Single(_silo.Log.Split('\n'), l => l.Contains("Insecure: this silo listens on", StringComparison.Ordinal));
    }

    /// <summary>The address this machine reaches others at (not loopback).</summary>
    private static string OutwardAddress()
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
        socket.Connect(System.Net.IPAddress.Parse("192.0.2.254"), 9);
        var address = ((System.Net.IPEndPoint)socket.LocalEndPoint!).Address;
        Assert.False(System.Net.IPAddress.IsLoopback(address), "this machine has no address beyond loopback");
        return address.ToString();
    }

    /// <summary>The id of the one code bundle in the jugdir (graph packages and signatures are beside it; the code is a zip).</summary>
    private string CodeBundle() =>
        Directory.EnumerateFiles(Bundles)
            .Where(f => !f.EndsWith(".sig", StringComparison.Ordinal))
            .Single(f => StoredObject.Open(File.ReadAllBytes(f)).Payload.Span.StartsWith("PK"u8))
            .Split(Path.DirectorySeparatorChar)[^1];
}
