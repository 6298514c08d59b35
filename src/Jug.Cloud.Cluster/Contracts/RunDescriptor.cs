namespace Jug.Cloud.Cluster.Contracts;

/// <summary>
/// What a worker needs to take part in a cluster run: where results go, the code (a content-addressed
/// bundle in that store), the graph (a package in that store) and which epoch of the run's grains to
/// pull from.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("jug.RunDescriptor")]
public sealed record RunDescriptor
{
    /// <summary>The run's id.</summary>
    [Id(0)]
    public required string RunId { get; init; }

    /// <summary>The generation of the run's grains; a new one starts when a silo died with some of them.</summary>
    [Id(1)]
    public int Epoch { get; init; }

    /// <summary>The store URI of the run's jugdir.</summary>
    [Id(2)]
    public required string Jugdir { get; init; }

    /// <summary>The id of the bundle holding the jugfile's assemblies.</summary>
    [Id(3)]
    public required string BundleId { get; init; }

    /// <summary>The id of the package holding the graph.</summary>
    [Id(4)]
    public required string PackageId { get; init; }

    /// <summary>A name for people: the jugfile's file name.</summary>
    [Id(5)]
    public required string Name { get; init; }

    /// <summary>Failure, timeout and lease settings.</summary>
    [Id(6)]
    public ClusterRunOptions Options { get; init; } = new();

    /// <summary>When it was submitted.</summary>
    [Id(7)]
    public DateTimeOffset Submitted { get; init; }

    /// <summary>Tasks in the package.</summary>
    [Id(8)]
    public int TaskCount { get; init; }
}
