using System.Diagnostics;
using Jug.Cloud.Encoding;
using Jug.Cloud.Storage;
using Xunit.Abstractions;

namespace Jug.Cloud.Stores.Tests.Integration;

/// <summary>A 100 MB result through a store and back, timed.</summary>
internal static class LargeResults
{
    public static async Task RoundTripAsync(IJugStore store, TaskHash key, int seed, ITestOutputHelper output)
    {
        var payload = new byte[100 * 1024 * 1024];
        new Random(seed).NextBytes(payload);
        var value = StoredObject.Wrap(CodecId.Bytes, 0, payload);
        payload = null;

        var clock = Stopwatch.StartNew();
        await store.PutAsync(key, value);
        var put = clock.Elapsed;
        clock.Restart();
        var read = await store.GetAsync(key);
        output.WriteLine($"{store.DisplayName} 100 MB: put {put.TotalMilliseconds:F0} ms, get {clock.Elapsed.TotalMilliseconds:F0} ms");

        Assert.True(read.AsSpan().SequenceEqual(value), "the 100 MB value came back different");
        Assert.True(await store.DeleteAsync(key));
    }
}
