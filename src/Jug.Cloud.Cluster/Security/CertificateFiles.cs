using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Jug.Cloud.Cluster.Security;

/// <summary>Reads certificates from PEM and PFX files; every failure is an <see cref="ArgumentException"/> naming the file.</summary>
internal static class CertificateFiles
{
    /// <summary>A certificate with its private key: from a PFX, a PEM holding both, or a PEM with the key in a <c>.key</c> file beside it.</summary>
    public static X509Certificate2 LoadWithKey(string path, string? password)
    {
        var full = Existing(path, "TLS certificate");
        try
        {
            var certificate = IsPkcs12(full)
                ? X509CertificateLoader.LoadPkcs12FromFile(full, password ?? Environment.GetEnvironmentVariable(ClusterTlsOptions.PasswordVariable), X509KeyStorageFlags.Exportable)
                : LoadPem(full);
            if (!certificate.HasPrivateKey)
            {
                certificate.Dispose();
                throw new ArgumentException($"TLS certificate {full}: it holds no private key (give a PEM with its key, a .key file beside it, or a PFX).");
            }

            return certificate;
        }
        catch (CryptographicException e)
        {
            // The exception's own message never quotes key material or the password.
            throw new ArgumentException($"TLS certificate {full}: cannot be read ({e.Message.TrimEnd('.')}{(IsPkcs12(full) ? $"; is {ClusterTlsOptions.PasswordVariable} right?" : "")}).", e);
        }
    }

    /// <summary>A CA certificate (PEM, or DER).</summary>
    public static X509Certificate2 LoadAuthority(string path)
    {
        var full = Existing(path, "TLS CA");
        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(full);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException($"TLS CA {full}: not a certificate ({e.Message.TrimEnd('.')}).", e);
        }
    }

    private static X509Certificate2 LoadPem(string path)
    {
        var text = File.ReadAllText(path);
        if (text.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            return Persisted(X509Certificate2.CreateFromPemFile(path));
        }

        var keyFile = Path.ChangeExtension(path, ".key");
        return File.Exists(keyFile)
            ? Persisted(X509Certificate2.CreateFromPemFile(path, keyFile))
            : X509CertificateLoader.LoadCertificateFromFile(path);
    }

    /// <summary>
    /// PEM keys are ephemeral; a round trip through PKCS#12 gives the certificate a key every TLS
    /// stack accepts (SslStream needs it on some platforms).
    /// </summary>
    private static X509Certificate2 Persisted(X509Certificate2 ephemeral)
    {
        using (ephemeral)
        {
            return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
        }
    }

    private static bool IsPkcs12(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".pfx" or ".p12";

    private static string Existing(string path, string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        return File.Exists(full) ? full : throw new ArgumentException($"{what} {full}: no such file.");
    }
}
