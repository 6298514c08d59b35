using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Jug.Cloud.Cluster;
using Jug.Cloud.Cluster.Hosting;
using Jug.Cloud.Cluster.Security;

namespace Jug.Cloud.Cli.Tests.Unit.Cluster;

/// <summary>
/// The fleet's certificates: a member certificate chains to its own CA and to no other, files load
/// with their keys, and a silo with TLS may listen beyond loopback without --insecure.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ClusterTlsUnitTests : IDisposable
{
    private static readonly TimeSpan Year = TimeSpan.FromDays(365);
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("jugcloud-tls-unit-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public void A_member_certificate_is_accepted_under_its_own_ca_and_refused_under_another()
    {
        using var fleet = FleetCertificates.CreateAuthority("fleet", Year);
        using var other = FleetCertificates.CreateAuthority("elsewhere", Year);
        using var member = FleetCertificates.CreateMember(fleet, "silo-a", ["silo-a.internal"], [IPAddress.Loopback], Year);
        using var stranger = FleetCertificates.CreateMember(other, "rogue", [], [], Year);
        using var fleetCa = X509CertificateLoader.LoadCertificate(fleet.RawData);

        var policy = new PeerCertificatePolicy(fleetCa);
        Assert.Null(policy.Refusal(member, null, SslPolicyErrors.RemoteCertificateChainErrors));
        var refusal = policy.Refusal(stranger, null, SslPolicyErrors.RemoteCertificateChainErrors);
        Assert.NotNull(refusal);
        Assert.Contains("CN=rogue", refusal, StringComparison.Ordinal);
        Assert.Contains("does not chain to the fleet CA", refusal, StringComparison.Ordinal);

        // Without a fleet CA the platform's verdict stands: an untrusted chain is refused, a name mismatch alone is not.
        var system = new PeerCertificatePolicy(null);
        Assert.NotNull(system.Refusal(member, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.Null(system.Refusal(member, null, SslPolicyErrors.RemoteCertificateNameMismatch));

        var usages = member.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value!).ToArray();
        Assert.Equal(new[] { "1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2" }, usages);
    }

    [Fact]
    public void Certificate_files_load_with_the_key_beside_them_and_a_certificate_without_key_is_refused()
    {
        using var fleet = FleetCertificates.CreateAuthority("fleet", Year);
        using var member = FleetCertificates.CreateMember(fleet, "client", [], [], Year);
        var certificate = Path.Combine(_work.FullName, "client.crt");
        FleetCertificates.WritePem(member, certificate, Path.Combine(_work.FullName, "client.key"));
        FleetCertificates.WritePem(fleet, Path.Combine(_work.FullName, "ca.crt"), Path.Combine(_work.FullName, "ca.key"));

        using (var tls = ClusterTls.Load(new ClusterTlsOptions { CertificateFile = certificate, AuthorityFile = Path.Combine(_work.FullName, "ca.crt") }))
        {
            Assert.True(tls.Certificate.HasPrivateKey);
            Assert.Equal(member.Thumbprint, tls.Certificate.Thumbprint);
        }

        File.Delete(Path.Combine(_work.FullName, "client.key"));
        var error = Assert.Throws<ArgumentException>(() => ClusterTls.Load(new ClusterTlsOptions { CertificateFile = certificate }));
        Assert.Contains("holds no private key", error.Message, StringComparison.Ordinal);
        Assert.Throws<IOException>(() => FleetCertificates.WritePem(member, certificate, Path.Combine(_work.FullName, "client.key")));
        Assert.Contains("no such file", Assert.Throws<ArgumentException>(() => ClusterTls.Load(new ClusterTlsOptions { CertificateFile = certificate + ".missing" })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_silo_beyond_loopback_with_tls_needs_no_insecure()
    {
        var options = new JugCloudClusterOptions
        {
            Redis = "redis://10.0.0.5:6379",
            AdvertisedAddress = IPAddress.Parse("10.0.0.7"),
            Tls = new ClusterTlsOptions { CertificateFile = "silo.crt" },
        };
        Assert.Null(SiloExposure.Refusal(options, ClusterAddress.Parse(options.Redis)));
        options.Tls = null;
        Assert.Contains("--tls-cert", SiloExposure.Refusal(options, ClusterAddress.Parse(options.Redis)), StringComparison.Ordinal);
    }
}
