using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Jug.Cloud.Cluster.Security;

/// <summary>
/// A fleet's own certificate authority and the certificates it issues to its machines (ECDSA P-256):
/// what <c>jugcloud cert</c> writes. A member certificate serves both ends of a connection (server
/// and client authentication), since a silo accepts connections and opens them.
/// </summary>
public static class FleetCertificates
{
    /// <summary>The CA's certificate file in a CA directory: public, given to silos and clients as their CA.</summary>
    public const string AuthorityCertificateName = "ca.crt";

    /// <summary>The CA's private key file in a CA directory: secret, needed only to issue certificates.</summary>
    public const string AuthorityKeyName = "ca.key";

    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    /// <summary>A self-signed CA certificate with its private key, valid from a few minutes ago (clock skew) for <paramref name="validity"/>.</summary>
    public static X509Certificate2 CreateAuthority(string name, TimeSpan validity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject(name), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now + validity);
    }

    /// <summary>A certificate for one machine, issued by <paramref name="authority"/> (which must hold its private key), naming it by DNS names and addresses.</summary>
    public static X509Certificate2 CreateMember(X509Certificate2 authority, string name, IEnumerable<string> dnsNames, IEnumerable<IPAddress> addresses, TimeSpan validity)
    {
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(dnsNames);
        ArgumentNullException.ThrowIfNull(addresses);
        if (!authority.HasPrivateKey)
        {
            throw new ArgumentException("The CA certificate has no private key; certificates can only be issued with it.", nameof(authority));
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject(name), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication, ClientAuthentication], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var names = new SubjectAlternativeNameBuilder();
        var any = false;
        foreach (var dns in dnsNames)
        {
            names.AddDnsName(dns);
            any = true;
        }

        foreach (var address in addresses)
        {
            names.AddIpAddress(address);
            any = true;
        }

        if (any)
        {
            request.CertificateExtensions.Add(names.Build());
        }

        var now = DateTimeOffset.UtcNow;
        var notAfter = now + validity < authority.NotAfter ? now + validity : new DateTimeOffset(authority.NotAfter.ToUniversalTime());
        using var issued = request.Create(authority, now.AddMinutes(-5), notAfter, RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>
    /// Writes <paramref name="certificate"/> (PEM, readable by all) and its private key (PKCS#8 PEM,
    /// mode 0600 from creation, so it is never readable by others even briefly). Neither file may exist.
    /// </summary>
    /// <exception cref="IOException">A file exists already: keys are never overwritten.</exception>
    public static void WritePem(X509Certificate2 certificate, string certificatePath, string keyPath)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var key = certificate.GetECDsaPrivateKey() ?? throw new ArgumentException("The certificate has no ECDSA private key.", nameof(certificate));
        foreach (var path in new[] { certificatePath, keyPath })
        {
            if (File.Exists(path))
            {
                throw new IOException($"{path} exists already; it is not overwritten.");
            }
        }

        WriteNew(keyPath, key.ExportPkcs8PrivateKeyPem(), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        WriteNew(certificatePath, certificate.ExportCertificatePem(), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    /// <summary>Reads a CA directory's certificate and private key, to issue certificates with.</summary>
    /// <exception cref="ArgumentException">The directory lacks either file, or they do not belong together.</exception>
    public static X509Certificate2 LoadAuthority(string directory)
    {
        var certificate = Path.Combine(directory, AuthorityCertificateName);
        var key = Path.Combine(directory, AuthorityKeyName);
        if (!File.Exists(certificate) || !File.Exists(key))
        {
            throw new ArgumentException($"{Path.GetFullPath(directory)} is not a fleet CA: it needs {AuthorityCertificateName} and {AuthorityKeyName} (jugcloud cert create-ca).");
        }

        try
        {
            return X509Certificate2.CreateFromPemFile(certificate, key);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException($"The fleet CA in {Path.GetFullPath(directory)} cannot be read ({e.Message.TrimEnd('.')}).", e);
        }
    }

    private static X500DistinguishedName Subject(string name)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(name);
        builder.AddOrganizationName("Jug.Cloud fleet");
        return builder.Build();
    }

    private static void WriteNew(string path, string pem, UnixFileMode mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
        writer.Write(pem);
        writer.Write('\n');
    }
}
