namespace Jug.Cloud.Cluster.Security;

/// <summary>
/// Mutual TLS for a silo or a client: this machine's certificate, and the fleet's certificate
/// authority every peer's certificate must chain to. Silos and clients both present a certificate
/// and both check the other's.
/// </summary>
public sealed record ClusterTlsOptions
{
    /// <summary>The environment variable a PFX file's password is read from when <see cref="CertificatePassword"/> is not given.</summary>
    public const string PasswordVariable = "JUGCLOUD_TLS_CERT_PASSWORD";

    /// <summary>
    /// This machine's certificate with its private key: a PEM file holding both (or the certificate,
    /// with the key in a <c>.key</c> file beside it, as <c>jugcloud cert create</c> writes them), or a
    /// PFX/PKCS#12 file (<c>.pfx</c>, <c>.p12</c>).
    /// </summary>
    public required string CertificateFile { get; init; }

    /// <summary>
    /// The fleet's CA certificate (PEM): peers must present a certificate issued by it. Null trusts
    /// the operating system's store instead, which is only as narrow as the authorities in it.
    /// </summary>
    public string? AuthorityFile { get; init; }

    /// <summary>A PFX file's password; null reads <see cref="PasswordVariable"/>, then tries none.</summary>
    public string? CertificatePassword { get; init; }

    /// <summary>The files, never the password.</summary>
    public override string ToString() =>
        $"CertificateFile={CertificateFile}, AuthorityFile={AuthorityFile ?? "(the system's store)"}, CertificatePassword={(CertificatePassword is null ? "(none)" : "(set)")}";
}
