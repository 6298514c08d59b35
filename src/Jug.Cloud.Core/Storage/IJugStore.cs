namespace Jug.Cloud.Storage;

/// <summary>
/// A complete store behind one <c>--jugdir</c> URI: results, claims, failure records, bundles, the run log
/// and the live status of the workers on it. Every provider implements all six and passes the same conformance suite.
/// </summary>
public interface IJugStore : IResultStore, IClaimStore, IFailureStore, IBundleStore, IRunLogStore, IWorkerStatusStore, IAsyncDisposable
{
    /// <summary>The store's location for messages, with any secret removed.</summary>
    string DisplayName { get; }

    /// <summary>
    /// True if other processes can open this same store (a jugdir, a Redis database, a bucket), so
    /// executions claim each task before running it; false for a store private to this process.
    /// </summary>
    bool IsShared => true;
}
