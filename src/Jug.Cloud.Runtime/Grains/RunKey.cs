using System.Globalization;

namespace Jug.Cloud.Runtime.Grains;

/// <summary>
/// Keys of the dispatcher of a supervised run: <c>{runId}@{epoch}</c>. A cluster run whose grains were
/// lost with a silo is submitted again under the next epoch, so grains of an old epoch never mix
/// their state with the new one. Embedded runs use a plain id and have no supervisor.
/// </summary>
public static class RunKey
{
    /// <summary>The dispatcher key of epoch <paramref name="epoch"/> of run <paramref name="runId"/>.</summary>
    public static string For(string runId, int epoch) => string.Create(CultureInfo.InvariantCulture, $"{runId}@{epoch}");

    /// <summary>Splits a supervised run's key; false for an embedded run's key.</summary>
    public static bool TryParse(string key, out string runId, out int epoch)
    {
        ArgumentNullException.ThrowIfNull(key);
        var at = key.LastIndexOf('@');
        if (at > 0 && int.TryParse(key.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out epoch))
        {
            runId = key[..at];
            return true;
        }

        runId = key;
        epoch = 0;
        return false;
    }
}
