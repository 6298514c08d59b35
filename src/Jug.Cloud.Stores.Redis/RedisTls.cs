using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Jug.Cloud.Storage;
using StoreLocation = Jug.Cloud.Storage.StoreLocation;
using StackExchange.Redis;

namespace Jug.Cloud.Stores.Redis;

/// <summary>
/// The TLS files a Redis URI may name, shared by the Redis store and the cluster address:
/// <c>ca=/path/ca.pem</c> (trust servers whose certificate this CA issued, instead of the machine's
/// trusted roots) and <c>cert=/path/client.pem&amp;key=/path/client.key</c> (a client certificate for a
/// server that requires one). They need TLS (<c>rediss://</c>). Files are read when the URI is parsed,
/// so a missing or unreadable file is a one-line error before anything connects.
/// </summary>
public static class RedisTls
{
    /// <summary>The query parameters this class reads.</summary>
    public static IReadOnlyCollection<string> Parameters { get; } = ["ca", "cert", "key"];

    /// <summary>True if <paramref name="name"/> is one of <see cref="Parameters"/> (case-insensitive).</summary>
    public static bool IsParameter(string name) => Parameters.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Applies the <c>ca</c>, <c>cert</c> and <c>key</c> parameters of <paramref name="location"/> to
    /// <paramref name="configuration"/>, whose <see cref="ConfigurationOptions.Ssl"/> must already be final.
    /// </summary>
    /// <param name="configuration">The connection settings to change.</param>
    /// <param name="location">The parsed URI.</param>
    /// <param name="invalid">Makes the exception for a problem (a phrase such as "has ca=… but …").</param>
    public static void Apply(ConfigurationOptions configuration, StoreLocation location, Func<string, Exception> invalid)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(invalid);
        var ca = Value(location, "ca");
        var cert = Value(location, "cert");
        var key = Value(location, "key");
        if (ca is null && cert is null && key is null)
        {
            return;
        }

        if (!configuration.Ssl)
        {
            throw invalid("names TLS files (ca, cert, key) but does not use TLS (write rediss://)");
        }

        if (ca is not null)
        {
            configuration.TrustIssuer(LoadCa(ca, invalid));
        }

        if (cert is null != key is null)
        {
            throw invalid("needs both cert= and key= for a client certificate");
        }

        if (cert is not null)
        {
            CheckClientCertificate(cert, key!, invalid);
            configuration.SetUserPemCertificate(cert, key);
        }
    }

    private static string? Value(StoreLocation location, string name) =>
        location.Query.TryGetValue(name, out var value) ? value : null;

    private static X509Certificate2 LoadCa(string path, Func<string, Exception> invalid)
    {
        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw invalid($"has ca='{path}', which is not a readable PEM or DER certificate ({OneLine(e.Message)})");
        }
    }

    private static void CheckClientCertificate(string cert, string key, Func<string, Exception> invalid)
    {
        try
        {
            using var loaded = X509Certificate2.CreateFromPemFile(cert, key);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw invalid($"has cert='{cert}' and a key that are not a readable PEM certificate and private key ({OneLine(e.Message)})");
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim().TrimEnd('.');
}
