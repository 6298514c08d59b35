using System.Security.Cryptography;

namespace Jug.Cloud.Packaging.Trust;

/// <summary>
/// The fleet's signing key, an ECDSA P-256 key pair kept as PEM files: the private key (PKCS#8) signs
/// bundle ids where graphs are submitted, the public key (SubjectPublicKeyInfo) checks them on silos.
/// </summary>
public static class FleetKey
{
    /// <summary>What is signed is this prefix and the id, so a fleet signature is never valid for anything else.</summary>
    private const string Domain = "jugcloud-bundle-v1:";

    /// <summary>Creates a key pair and writes the private key to <paramref name="privateKeyPath"/> and the public key to <paramref name="publicKeyPath"/>.</summary>
    /// <exception cref="IOException">One of the files exists already (a key is never overwritten).</exception>
    public static void Create(string privateKeyPath, string publicKeyPath)
    {
        ArgumentNullException.ThrowIfNull(privateKeyPath);
        ArgumentNullException.ThrowIfNull(publicKeyPath);
        foreach (var path in new[] { privateKeyPath, publicKeyPath })
        {
            if (File.Exists(path))
            {
                throw new IOException($"{path} exists; a key is never overwritten.");
            }
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        WriteNew(privateKeyPath, key.ExportPkcs8PrivateKeyPem(), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        WriteNew(publicKeyPath, key.ExportSubjectPublicKeyInfoPem(), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    /// <summary>Reads a PEM key file (private for signing, public or private for checking).</summary>
    /// <exception cref="ArgumentException">The file holds no ECDSA key.</exception>
    public static ECDsa Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = File.ReadAllText(path);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(text);
            return key;
        }
        catch (ArgumentException)
        {
            key.Dispose();
            throw new ArgumentException($"{path} holds no ECDSA key in PEM form (jugcloud key create writes one).");
        }
    }

    /// <summary>The bytes a signature covers for <paramref name="bundleId"/>.</summary>
    internal static byte[] SignedBytes(string bundleId) => System.Text.Encoding.ASCII.GetBytes(Domain + bundleId);

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
