namespace Jug.Cloud.Stores.File;

/// <summary>Settings of a file jugdir.</summary>
public sealed record FileStoreOptions
{
    /// <summary>The jugdir: where results, locks, failure records and bundles live. Created on first write.</summary>
    public required string Root { get; init; }

    /// <summary>
    /// Fsync every object and its directory before reporting it stored (the default). Turn off only for
    /// benchmarks and scratch runs: writes stay atomic (never half an object), but a machine crash may
    /// lose results that were reported done, and they will be computed again.
    /// </summary>
    public bool Durable { get; init; } = true;

    /// <summary>The clock used for claim expiry (tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
