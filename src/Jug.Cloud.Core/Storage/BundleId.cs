namespace Jug.Cloud.Storage;

/// <summary>Bundle ids are lower-case hex content hashes, safe in any store's key space.</summary>
public static class BundleId
{
    /// <summary>Returns <paramref name="bundleId"/> if it is 16–128 lower-case hex digits; throws otherwise.</summary>
    public static string Check(string bundleId)
    {
        ArgumentNullException.ThrowIfNull(bundleId);
        if (bundleId.Length is < 16 or > 128 || !bundleId.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
        {
            throw new ArgumentException($"'{bundleId}' is not a bundle id (16 to 128 lower-case hex digits).", nameof(bundleId));
        }

        return bundleId;
    }
}
