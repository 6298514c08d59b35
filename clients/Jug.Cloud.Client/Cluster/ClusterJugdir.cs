using Jug.Cloud.Storage;

namespace Jug.Cloud.Client.Cluster;

/// <summary>Jugdirs as a cluster's silos must see them.</summary>
public static class ClusterJugdir
{
    /// <summary>
    /// A store URI every silo resolves the same way: a plain path becomes absolute (it must name a
    /// directory all silos share, such as a network file system); URIs pass unchanged.
    /// </summary>
    public static string Absolute(string jugdir)
    {
        ArgumentNullException.ThrowIfNull(jugdir);
        var location = StoreLocation.Parse(jugdir, Directory.GetCurrentDirectory());
        return location.Scheme == "file" && location.Path is { } path ? Path.GetFullPath(path) : jugdir;
    }
}
