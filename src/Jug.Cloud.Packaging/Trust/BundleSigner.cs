using System.Security.Cryptography;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Packaging.Trust;

/// <summary>Signs bundle ids with the fleet's private key and stores each signature beside its bundle.</summary>
public sealed class BundleSigner : IDisposable
{
    private readonly ECDsa _key;

    /// <summary>Signs with <paramref name="key"/>, which the signer owns from now on.</summary>
    public BundleSigner(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key;
    }

    /// <summary>A signer over the private key in the PEM file at <paramref name="path"/>.</summary>
    public static BundleSigner FromFile(string path) => new(FleetKey.Load(path));

    /// <summary>The signature of <paramref name="bundleId"/>.</summary>
    public byte[] Sign(string bundleId) =>
        _key.SignData(FleetKey.SignedBytes(BundleId.Check(bundleId)), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    /// <summary>Signs <paramref name="bundleId"/> and stores the signature in <paramref name="store"/>.</summary>
    public ValueTask SignAsync(IBundleStore store, string bundleId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.PutBundleSignatureAsync(bundleId, Sign(bundleId), cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
