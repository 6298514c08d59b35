using Jug.Cloud.Storage;

namespace Jug.Cloud.Stores.Tests;

/// <summary>The bundle signature part of the store contract.</summary>
public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task A_bundle_signature_is_stored_beside_its_bundle_and_read_back()
    {
        var id = new string('d', 64);
        Assert.Null(await Store.GetBundleSignatureAsync(id));
        await Store.PutBundleAsync(id, new byte[] { 1, 2, 3 });
        Assert.Null(await Store.GetBundleSignatureAsync(id));

        await Store.PutBundleSignatureAsync(id, new byte[] { 9, 8, 7, 6 });

        Assert.Equal(new byte[] { 9, 8, 7, 6 }, await Store.GetBundleSignatureAsync(id));
        Assert.Equal(new byte[] { 1, 2, 3 }, await Store.GetBundleAsync(id));
    }

    [Fact]
    public async Task A_bundle_signature_is_replaced_by_a_later_one()
    {
        var id = new string('a', 64);
        await Store.PutBundleSignatureAsync(id, new byte[] { 1 });
        await Store.PutBundleSignatureAsync(id, new byte[] { 2, 2 });
        Assert.Equal(new byte[] { 2, 2 }, await Store.GetBundleSignatureAsync(id));
    }

    [Fact]
    public async Task A_signature_is_not_a_bundle()
    {
        var id = new string('b', 64);
        await Store.PutBundleSignatureAsync(id, new byte[] { 5 });
        Assert.False(await Store.BundleExistsAsync(id));
        Assert.Null(await Store.GetBundleAsync(id));
    }

    [Fact]
    public async Task Signature_ids_must_be_lower_case_hex()
    {
        foreach (var bad in new[] { "../etc/passwd", "ABCDEF0123456789", "abc" })
        {
            await Assert.ThrowsAsync<ArgumentException>(async () => await Store.PutBundleSignatureAsync(bad, new byte[1]));
            await Assert.ThrowsAsync<ArgumentException>(async () => await Store.GetBundleSignatureAsync(bad));
        }
    }
}
