using System.Reflection;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Telemetry.Tests;

/// <summary>A store whose reads fail (asynchronously, as a network store's do) and whose other operations pass through.</summary>
public class ThrowingGetStore : DispatchProxy
{
    private IJugStore _inner = null!;

    public static IJugStore Over(IJugStore inner)
    {
        var proxy = Create<IJugStore, ThrowingGetStore>();
        ((ThrowingGetStore)(object)proxy)._inner = inner;
        return proxy;
    }

#pragma warning disable CA2012 // A proxy returns the ValueTask boxed; the caller awaits it once.
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        targetMethod!.Name == nameof(IJugStore.GetAsync)
            ? Failing()
            : targetMethod.Invoke(_inner, args);
#pragma warning restore CA2012

    private static async ValueTask<byte[]?> Failing()
    {
        await Task.Yield();
        throw new IOException("the store is unreachable");
    }
}
