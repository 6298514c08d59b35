using Jug.Cloud.Cluster.Contracts;
using Jug.Cloud.Runtime.Workers;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Cluster.Workers;

/// <summary>Loads what a worker needs to run a cluster run's tasks: its bundle's code and its graph.</summary>
public interface IRunCodeLoader
{
    /// <summary>The run's tasks, executable here; dispose it when the run no longer needs this silo.</summary>
    Task<IRunCode> LoadAsync(RunDescriptor run, IJugStore store, CancellationToken cancellationToken);
}

/// <summary>A run's tasks loaded on a worker; disposing it lets the bundle's load context unload.</summary>
public interface IRunCode : ITaskResolver, IAsyncDisposable
{
}
