using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace Jug.Cloud.Packaging;

/// <summary>
/// A build output as one content-addressed zip: entries sorted by path with a fixed time stamp, and a
/// manifest naming the entry assembly, so the same build always gives the same bytes and the same id
/// (uploaded once, however often it is submitted).
/// </summary>
public static class JugfileBundle
{
    /// <summary>The manifest's entry name.</summary>
    public const string ManifestName = "jugcloud-bundle.json";

    private static readonly DateTimeOffset FixedTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Packs <paramref name="directory"/>, whose <paramref name="entryAssembly"/> (a file name) declares the tasks.</summary>
    public static (string Id, byte[] Content) Pack(string directory, string entryAssembly)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!File.Exists(Path.Combine(directory, entryAssembly)))
        {
            throw new FileNotFoundException($"The entry assembly {entryAssembly} is not in {directory}.");
        }

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var manifest = zip.CreateEntry(ManifestName, CompressionLevel.Optimal);
            manifest.LastWriteTime = FixedTime;
            using (var stream = manifest.Open())
            {
                JsonSerializer.Serialize(stream, new BundleManifest(entryAssembly));
            }

            var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
                .Where(f => f != ManifestName)
                .Order(StringComparer.Ordinal);
            foreach (var file in files)
            {
                var entry = zip.CreateEntry(file, CompressionLevel.Optimal);
                entry.LastWriteTime = FixedTime;
                using var source = File.OpenRead(Path.Combine(directory, file));
                using var target = entry.Open();
                source.CopyTo(target);
            }
        }

        var content = buffer.ToArray();
        return (Convert.ToHexStringLower(SHA256.HashData(content)), content);
    }

    /// <summary>Reads the manifest of an unpacked bundle.</summary>
    internal static BundleManifest ReadManifest(string directory)
    {
        using var stream = File.OpenRead(Path.Combine(directory, ManifestName));
        return JsonSerializer.Deserialize<BundleManifest>(stream) ?? throw new InvalidDataException("The bundle's manifest is empty.");
    }
}

/// <summary>What a bundle says about itself.</summary>
/// <param name="EntryAssembly">The file name of the assembly that declares the tasks.</param>
internal sealed record BundleManifest(string EntryAssembly);
