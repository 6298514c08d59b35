using Jug.Cloud.Stores.File;

namespace Jug.Cloud.Cli.Tests.EndToEnd;

/// <summary>Counts the results in a jugdir through the file store itself (results live in packs and in files).</summary>
internal static class StoredResults
{
    /// <summary>How many results <paramref name="jugdir"/> holds now; 0 if it does not exist yet.</summary>
    public static int Count(string jugdir)
    {
        var store = new FileJugStore(new FileStoreOptions { Root = jugdir });
        return store.ListAsync().CountAsync().AsTask().GetAwaiter().GetResult();
    }
}
