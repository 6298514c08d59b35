using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace Jug.Cloud.Cluster.Security;

/// <summary>
/// Loaded TLS credentials (<see cref="ClusterTlsOptions"/>) and how Orleans' connections use them:
/// every connection, silo to silo and client to gateway, presents this certificate and requires
/// one from the other side that <see cref="PeerCertificatePolicy"/> accepts.
/// </summary>
public sealed class ClusterTls : IDisposable
{
    private readonly X509Certificate2? _authority;
    private readonly PeerCertificatePolicy _policy;
    private volatile string? _lastRefusal;

    private ClusterTls(X509Certificate2 certificate, X509Certificate2? authority)
    {
        Certificate = certificate;
        _authority = authority;
        _policy = new PeerCertificatePolicy(authority);
    }

    /// <summary>This machine's certificate (with its private key).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Why the last peer certificate was refused, or null if none was: for a client, why no gateway could be trusted.</summary>
    public string? LastRefusal => _lastRefusal;

    /// <summary>Reads the certificate and the CA the options name.</summary>
    /// <exception cref="ArgumentException">A file is missing, unreadable, or the certificate has no private key (the message names the file, never key material).</exception>
    public static ClusterTls Load(ClusterTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var certificate = CertificateFiles.LoadWithKey(options.CertificateFile, options.CertificatePassword);
        try
        {
            return new ClusterTls(certificate, options.AuthorityFile is { } ca ? CertificateFiles.LoadAuthority(ca) : null);
        }
        catch
        {
            certificate.Dispose();
            throw;
        }
    }

    /// <summary>Sets Orleans' TLS options: this certificate, a certificate required from every peer, checked by the fleet's policy.</summary>
    public void Apply(TlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.LocalCertificate = Certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (certificate, chain, errors) =>
        {
            var refusal = _policy.Refusal(certificate, chain, errors);
            if (refusal is not null)
            {
                _lastRefusal = refusal;
            }

            return refusal is null;
        };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Certificate.Dispose();
        _authority?.Dispose();
    }
}
