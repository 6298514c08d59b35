using System.IO.Compression;
using System.Reflection;
using System.Runtime.Loader;
using Jug.Cloud.Packaging.Trust;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Packaging;

/// <summary>
/// Bundles on a worker: downloaded from the store once, unpacked into the cache directory (to a
/// temporary directory first, renamed into place, so two processes can do it at once), loaded into one
/// collectible load context per bundle while leases on it are held, and unloaded with the last lease.
/// Two versions of the same jugfile are two bundles and load side by side. Every bundle is checked
/// by <paramref name="trust"/> first: its content against its id when downloaded, and its signature
/// (if the trust requires one) on every acquisition.
/// </summary>
/// <param name="cacheDirectory">Where bundles are unpacked.</param>
/// <param name="store">Where they are downloaded from.</param>
/// <param name="trust">What a bundle must pass to be loaded; content checks only if null.</param>
public sealed class BundleCache(string cacheDirectory, IBundleStore store, BundleTrust? trust = null) : IDisposable
{
    private readonly BundleTrust _trust = trust ?? BundleTrust.ContentOnly;
    private readonly Dictionary<string, Loaded> _loaded = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Bundles loaded now.</summary>
    public int LoadedCount
    {
        get
        {
            lock (_loaded)
            {
                return _loaded.Count;
            }
        }
    }

    /// <summary>The bundle's code, loaded; dispose the lease when done with it.</summary>
    /// <exception cref="InvalidOperationException">The bundle is not in the store.</exception>
    /// <exception cref="BundleRefusedException">The bundle fails the trust's checks; nothing of it is loaded.</exception>
    public async Task<BundleLease> AcquireAsync(string bundleId, CancellationToken cancellationToken = default)
    {
        BundleId.Check(bundleId);
        await _trust.CheckSignatureAsync(store, bundleId, cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Loaded? loaded;
            lock (_loaded)
            {
                if (_loaded.TryGetValue(bundleId, out loaded))
                {
                    loaded.Leases++;
                    return new BundleLease(this, bundleId, loaded.Context, loaded.Entry);
                }
            }

            var directory = await UnpackAsync(bundleId, cancellationToken);
            var manifest = JugfileBundle.ReadManifest(directory);
            var context = new JugfileLoadContext(Path.Combine(directory, manifest.EntryAssembly));
            var entry = context.LoadFromAssemblyPath(Path.Combine(directory, manifest.EntryAssembly));
            loaded = new Loaded(context, entry) { Leases = 1 };
            lock (_loaded)
            {
                _loaded[bundleId] = loaded;
            }

            return new BundleLease(this, bundleId, context, entry);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_loaded)
        {
            foreach (var loaded in _loaded.Values)
            {
                loaded.Context.Unload();
            }

            _loaded.Clear();
        }

        _gate.Dispose();
    }

    internal void Release(string bundleId)
    {
        lock (_loaded)
        {
            if (_loaded.TryGetValue(bundleId, out var loaded) && --loaded.Leases == 0)
            {
                _loaded.Remove(bundleId);
                loaded.Context.Unload();
            }
        }
    }

    private async Task<string> UnpackAsync(string bundleId, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(cacheDirectory, bundleId);
        if (Directory.Exists(directory))
        {
            return directory;
        }

        var content = await store.GetBundleAsync(bundleId, cancellationToken)
            ?? throw new InvalidOperationException($"Bundle {bundleId} is not in the store (was the jugdir cleaned?).");
        BundleTrust.CheckContent(bundleId, content);
        Directory.CreateDirectory(cacheDirectory);
        var temporary = Path.Combine(cacheDirectory, $".{bundleId}.{Guid.NewGuid():n}");
        using (var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read))
        {
            await zip.ExtractToDirectoryAsync(temporary, cancellationToken);
        }

        try
        {
            Directory.Move(temporary, directory);
        }
        catch (IOException) when (Directory.Exists(directory))
        {
            // Another process unpacked the same bundle first; its copy is identical.
            Directory.Delete(temporary, recursive: true);
        }

        return directory;
    }

    private sealed class Loaded(AssemblyLoadContext context, Assembly entry)
    {
        public AssemblyLoadContext Context { get; } = context;

        public Assembly Entry { get; } = entry;

        public int Leases { get; set; }
    }
}

/// <summary>A hold on a loaded bundle; the bundle unloads when its last lease is disposed.</summary>
public sealed class BundleLease : IDisposable
{
    private readonly BundleCache _cache;
    private int _disposed;

    internal BundleLease(BundleCache cache, string bundleId, AssemblyLoadContext context, Assembly entryAssembly)
    {
        _cache = cache;
        BundleId = bundleId;
        Context = context;
        EntryAssembly = entryAssembly;
    }

    /// <summary>The bundle.</summary>
    public string BundleId { get; }

    /// <summary>Its load context.</summary>
    public AssemblyLoadContext Context { get; }

    /// <summary>The assembly that declares the tasks.</summary>
    public Assembly EntryAssembly { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _cache.Release(BundleId);
        }
    }
}
