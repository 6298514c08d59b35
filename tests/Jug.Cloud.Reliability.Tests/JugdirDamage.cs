namespace Jug.Cloud.Reliability.Tests;

/// <summary>One damage done to one stored object of a file jugdir: a flipped byte or a truncation.</summary>
public sealed record JugdirDamage(string Kind, string RelativePath, string How)
{
    /// <summary>
    /// The stored objects of <paramref name="jugdir"/> by kind (the directory they live in: results,
    /// packs, failures, runs, bundles). Locks and worker heartbeats are not stored objects.
    /// </summary>
    public static SortedDictionary<string, List<string>> Objects(string jugdir)
    {
        var objects = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(jugdir, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(jugdir, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            var kind = parts switch
            {
                ["results", "packs", ..] => "packs",
                [var top, _, ..] => top,
                _ => "",
            };
            if (kind is "" or "locks" or "workers" || new FileInfo(file).Length == 0)
            {
                continue;
            }

            if (!objects.TryGetValue(kind, out var list))
            {
                objects[kind] = list = [];
            }

            list.Add(relative);
        }

        foreach (var list in objects.Values)
        {
            list.Sort(StringComparer.Ordinal);
        }

        return objects;
    }

    /// <summary>Damages one object of kind <paramref name="kind"/> of <paramref name="jugdir"/>, chosen by <paramref name="random"/>.</summary>
    public static JugdirDamage Apply(string jugdir, string kind, IReadOnlyList<string> objects, Random random)
    {
        var relative = objects[random.Next(objects.Count)];
        var path = Path.Combine(jugdir, relative);
        var bytes = File.ReadAllBytes(path);
        string how;
        if (random.Next(2) == 0)
        {
            var at = random.Next(bytes.Length);
            bytes[at] ^= (byte)random.Next(1, 256);
            how = $"flip byte {at} of {bytes.Length}";
        }
        else
        {
            var length = random.Next(bytes.Length);
            how = $"truncate {bytes.Length} to {length}";
            bytes = bytes[..length];
        }

        File.WriteAllBytes(path, bytes);
        return new JugdirDamage(kind, relative, how);
    }

    /// <summary>Copies a jugdir tree.</summary>
    public static void Copy(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
