namespace Jug.Cloud.Stores.File;

/// <summary>
/// Where things live in a jugdir: <c>results/ab/&lt;hash&gt;</c> (sharded by the first byte, as Jug
/// does), <c>locks/&lt;hash&gt;.lock</c>, <c>failures/&lt;hash&gt;</c>, <c>bundles/&lt;id&gt;</c>.
/// Names starting with '.' are temporary files and never objects.
/// </summary>
internal sealed class FileLayout(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string ResultsDirectory => Path.Combine(Root, "results");

    public string LocksDirectory => Path.Combine(Root, "locks");

    public string FailuresDirectory => Path.Combine(Root, "failures");

    public string BundlesDirectory => Path.Combine(Root, "bundles");

    public string Result(TaskHash key)
    {
        var hex = key.ToString();
        return Path.Combine(ResultsDirectory, hex[..2], hex);
    }

    public string Lock(TaskHash key) => Path.Combine(LocksDirectory, key + ".lock");

    public string Failure(TaskHash key) => Path.Combine(FailuresDirectory, key.ToString());

    public string Bundle(string id) => Path.Combine(BundlesDirectory, id);

    public static bool IsTemporary(string path) => Path.GetFileName(path).StartsWith('.');

    public static string TemporaryBeside(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():n}.tmp");
}
