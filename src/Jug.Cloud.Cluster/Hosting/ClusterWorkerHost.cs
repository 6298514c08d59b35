using Jug.Cloud.Cluster.Workers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Jug.Cloud.Cluster.Hosting;

/// <summary>
/// Starts the silo's <see cref="ClusterWorkerService"/>, resolving it only when the host starts it: a
/// host resolves its hosted services before it validates options, and the worker service needs valid
/// ones, so resolving it up front would turn every bad setting into a bare "unable to resolve".
/// </summary>
internal sealed class ClusterWorkerHost(IServiceProvider services) : IHostedService
{
    private ClusterWorkerService? _workers;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _workers = services.GetRequiredService<ClusterWorkerService>();
        return _workers.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _workers?.StopAsync(cancellationToken) ?? Task.CompletedTask;
}
