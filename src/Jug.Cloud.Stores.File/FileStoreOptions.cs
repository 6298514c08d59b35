namespace Jug.Cloud.Stores.File;

/// <summary>Settings of a file jugdir.</summary>
public sealed record FileStoreOptions
{
    /// <summary>The jugdir: where results, locks, failure records and bundles live.</summary>
    public required string Root { get; init; }

    /// <summary>
    /// Fsync every object and its directory before reporting it stored (the default). Turn off only for
    /// scratch runs: a crash may then lose results that were reported done.
    /// </summary>
    public bool Durable { get; init; } = true;

    /// <summary>The clock used for claim expiry.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
