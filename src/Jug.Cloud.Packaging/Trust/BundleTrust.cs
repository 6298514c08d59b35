using System.Security.Cryptography;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Packaging.Trust;

/// <summary>
/// What a silo checks before it loads a bundle or a graph package: always that the content's SHA-256
/// is its id, so a changed byte in the store is never loaded; and, with a fleet public key, that the
/// id carries a valid signature of that key, so write access to the store alone does not let anyone
/// run code on the fleet.
/// </summary>
public sealed class BundleTrust : IDisposable
{
    private readonly ECDsa? _fleetKey;

    private BundleTrust(ECDsa? fleetKey) => _fleetKey = fleetKey;

    /// <summary>Content checks only: any bundle whose content matches its id is loaded.</summary>
    public static BundleTrust ContentOnly { get; } = new(null);

    /// <summary>Whether a fleet signature is required.</summary>
    public bool RequiresSignature => _fleetKey is not null;

    /// <summary>Content checks and a signature of <paramref name="fleetKey"/> required (the trust owns the key from now on).</summary>
    public static BundleTrust Signed(ECDsa fleetKey)
    {
        ArgumentNullException.ThrowIfNull(fleetKey);
        return new BundleTrust(fleetKey);
    }

    /// <summary>Content checks and a signature of the public key in the PEM file at <paramref name="path"/> required.</summary>
    public static BundleTrust FromPublicKeyFile(string path) => Signed(FleetKey.Load(path));

    /// <summary>Throws unless <paramref name="content"/>'s SHA-256 is <paramref name="bundleId"/>.</summary>
    /// <exception cref="BundleRefusedException">It is not.</exception>
    public static void CheckContent(string bundleId, ReadOnlySpan<byte> content)
    {
        ArgumentNullException.ThrowIfNull(bundleId);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(content, hash);
        if (!string.Equals(Convert.ToHexStringLower(hash), bundleId, StringComparison.Ordinal))
        {
            throw new BundleRefusedException(bundleId, "its content does not match its id (changed in the store)");
        }
    }

    /// <summary>With a fleet key, throws unless the store holds a valid signature of <paramref name="bundleId"/>; without one, does nothing.</summary>
    /// <exception cref="BundleRefusedException">The bundle is unsigned or its signature is not the fleet's.</exception>
    public async ValueTask CheckSignatureAsync(IBundleStore store, string bundleId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (_fleetKey is null)
        {
            return;
        }

        var signature = await store.GetBundleSignatureAsync(bundleId, cancellationToken)
            ?? throw new BundleRefusedException(bundleId, "it is not signed and this silo loads only bundles signed with the fleet key");
        if (!_fleetKey.VerifyData(FleetKey.SignedBytes(BundleId.Check(bundleId)), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            throw new BundleRefusedException(bundleId, "its signature is not valid for the fleet key");
        }
    }

    /// <summary>Reads <paramref name="bundleId"/> from <paramref name="store"/> and checks its signature and content; null if absent.</summary>
    /// <exception cref="BundleRefusedException">It fails a check.</exception>
    public async ValueTask<byte[]?> ReadCheckedAsync(IBundleStore store, string bundleId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var content = await store.GetBundleAsync(bundleId, cancellationToken);
        if (content is null)
        {
            return null;
        }

        await CheckSignatureAsync(store, bundleId, cancellationToken);
        CheckContent(bundleId, content);
        return content;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_fleetKey is not null)
        {
            _fleetKey.Dispose();
        }
    }
}
