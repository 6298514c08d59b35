using Jug.Cloud.Storage;
using Jug.Cloud.Stores.File;
using Jug.Cloud.Stores.Memory;

namespace Jug.Cloud.Runtime.Tests;

internal static class TestStores
{
    public static IJugStore Memory() => new MemoryJugStore();

    public static IJugStore File(string root) => new FileJugStore(new FileStoreOptions { Root = root });
}
