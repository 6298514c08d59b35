using System.Runtime.CompilerServices;
using Jug.Cloud.Stores.Objects;

namespace Jug.Cloud.Stores.Tests.Objects;

/// <summary>
/// An object service in a dictionary, for running the shared object store without a server. Every
/// operation yields first, so concurrent callers interleave as they would over a network.
/// </summary>
public class InMemoryObjects : IObjectBackend
{
    private readonly Dictionary<string, (byte[] Content, long Version)> _objects = new(StringComparer.Ordinal);
    private long _nextVersion;

    /// <summary>Every key stored now, in order.</summary>
    public string[] Keys
    {
        get
        {
            lock (_objects)
            {
                return [.. _objects.Keys.Order(StringComparer.Ordinal)];
            }
        }
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await Task.Yield();
        lock (_objects)
        {
            _objects[key] = (content.ToArray(), ++_nextVersion);
        }
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        (await GetVersionedAsync(key, cancellationToken))?.Content;

    public async Task<VersionedObject?> GetVersionedAsync(string key, CancellationToken cancellationToken)
    {
        await Task.Yield();
        lock (_objects)
        {
            return _objects.TryGetValue(key, out var stored) ? new VersionedObject([.. stored.Content], stored.Version.ToString()) : null;
        }
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        await Task.Yield();
        lock (_objects)
        {
            return _objects.ContainsKey(key);
        }
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await Task.Yield();
        lock (_objects)
        {
            return _objects.Remove(key);
        }
    }

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var key in Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
        {
            yield return key;
        }
    }

    public async Task<bool> TryCreateAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await Task.Yield();
        lock (_objects)
        {
            return _objects.TryAdd(key, (content.ToArray(), ++_nextVersion));
        }
    }

    public async Task<bool> TryReplaceAsync(string key, ReadOnlyMemory<byte> content, string version, CancellationToken cancellationToken)
    {
        await Task.Yield();
        lock (_objects)
        {
            if (!IsAt(key, version))
            {
                return false;
            }

            _objects[key] = (content.ToArray(), ++_nextVersion);
            return true;
        }
    }

    public async Task<bool> TryDeleteAsync(string key, string version, CancellationToken cancellationToken)
    {
        await Task.Yield();
        lock (_objects)
        {
            return IsAt(key, version) && _objects.Remove(key);
        }
    }

    private bool IsAt(string key, string version) =>
        _objects.TryGetValue(key, out var stored) && stored.Version.ToString() == version;
}

/// <summary>The same service honouring preconditions, as Azure Blob, GCS and MinIO do.</summary>
public sealed class ConditionalInMemoryObjects : InMemoryObjects, IConditionalObjectBackend;

/// <summary>The shared store over an in-memory service.</summary>
public sealed class InMemoryObjectStore(IObjectBackend objects, TimeProvider clock, string prefix = "jugdir")
    : ObjectJugStore(objects, new InMemoryObjectStoreOptions { Prefix = prefix, TimeProvider = clock });

/// <summary>Options of <see cref="InMemoryObjectStore"/>.</summary>
public sealed record InMemoryObjectStoreOptions() : ObjectStoreOptions("memory-objects");
