namespace Jug.Cloud.Stores.Objects;

/// <summary>
/// The few operations on an object service that <see cref="ObjectJugStore"/> needs, in the provider's
/// SDK: "absent" is null or false rather than an exception, and every other service or network
/// failure (after the SDK's own retries) is one <see cref="Storage.JugStoreException"/> line naming the store.
/// </summary>
/// <remarks>
/// A backend whose service refuses a write or delete whose precondition does not hold also implements
/// <see cref="IConditionalObjectBackend"/>; the store then keeps claims with those preconditions
/// rather than with intent objects.
/// </remarks>
public interface IObjectBackend
{
    /// <summary>Stores <paramref name="content"/> as one object, replacing any; readers see the old object or the new one, whole.</summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Reads an object into an array of its exact length, or null if there is none.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Whether an object is there.</summary>
    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes an object; true if it was there.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes an object when whether it was there does not matter. Services whose delete does not say
    /// (S3) answer <see cref="DeleteAsync"/> with a request more, which this saves.
    /// </summary>
    Task DeleteQuietlyAsync(string key, CancellationToken cancellationToken) => DeleteAsync(key, cancellationToken);

    /// <summary>Every object key under <paramref name="prefix"/> (whole keys, prefix included), page by page.</summary>
    IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken);
}

/// <summary>
/// A backend whose service honours preconditions on writes and deletes (Azure Blob's <c>If-None-Match</c>
/// and <c>If-Match</c> on ETags, GCS's generation preconditions, MinIO): each conditional request
/// is atomic on the server, so of several racers exactly one succeeds.
/// </summary>
public interface IConditionalObjectBackend : IObjectBackend
{
    /// <summary>Reads an object with the version (ETag, generation) it was read at, or null if there is none.</summary>
    Task<VersionedObject?> GetVersionedAsync(string key, CancellationToken cancellationToken);

    /// <summary>Creates the object only if there is none (<c>If-None-Match: *</c>); false if one is there.</summary>
    Task<bool> TryCreateAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Replaces the object only if it is still at <paramref name="version"/> (<c>If-Match</c>); false if it changed or went.</summary>
    Task<bool> TryReplaceAsync(string key, ReadOnlyMemory<byte> content, string version, CancellationToken cancellationToken);

    /// <summary>Deletes the object only if it is still at <paramref name="version"/>; false if it changed or went.</summary>
    Task<bool> TryDeleteAsync(string key, string version, CancellationToken cancellationToken);
}

/// <summary>An object's bytes and the version they were read at.</summary>
/// <param name="Content">The object's bytes.</param>
/// <param name="Version">The service's version token (an ETag, a generation), opaque to the store.</param>
public sealed record VersionedObject(byte[] Content, string Version);
