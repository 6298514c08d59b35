using Jug.Cloud.Diagnostics;
using Jug.Cloud.Storage;
using Jug.Cloud.Telemetry;
using Jug.Cloud.Telemetry.Sampling;
using Jug.Cloud.Telemetry.Stores;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Jug.Cloud's metrics in a host's services: OpenTelemetry with a Prometheus exporter.</summary>
public static class JugCloudMetricsServiceCollectionExtensions
{
    /// <summary>The name of Orleans' own meter, exported along with Jug.Cloud's.</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>
    /// Collects the <c>Jug.Cloud</c> meter (tasks finished and failed, task run times, store latency
    /// and errors; and, in a host that reaches a cluster, its runs' tasks by state, ready queues,
    /// silos, this silo's slots and the desired silos) and Orleans' <c>Microsoft.Orleans</c> meter
    /// for the Prometheus exporter; <c>MapJugCloudMetrics</c> serves them. Every store the host
    /// opens by name or for a run is measured unless <see cref="JugCloudMetricsOptions.MeasureStores"/> is off.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sampling and sizing settings.</param>
    public static IServiceCollection AddJugCloudMetrics(this IServiceCollection services, Action<JugCloudMetricsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<JugCloudMetricsOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.SampleInterval > TimeSpan.Zero, "JugCloudMetricsOptions.SampleInterval must be positive.")
            .Validate(o => o.TargetDuration > TimeSpan.Zero, "JugCloudMetricsOptions.TargetDuration must be positive.")
            .Validate(o => o.MinSilos >= 0 && o.MaxSilos >= o.MinSilos, "JugCloudMetricsOptions needs 0 <= MinSilos <= MaxSilos.")
            .Validate(o => o.SlotsPerSilo is null or > 0, "JugCloudMetricsOptions.SlotsPerSilo must be positive.")
            .ValidateOnStart();

        services.AddJugCloudMetricsExporter();

        services.TryAddSingleton<ClusterSampler>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterSampler>());

        // Replaces the registry AddJugStores builds (whichever is called first), wrapping each provider.
        services.AddJugStores();
        services.Replace(ServiceDescriptor.Singleton(sp =>
        {
            var measure = sp.GetRequiredService<IOptions<JugCloudMetricsOptions>>().Value.MeasureStores;
            var registry = new StoreRegistry();
            foreach (var provider in sp.GetServices<IStoreProvider>())
            {
                registry.Register(measure ? new MeteredStoreProvider(provider) : provider);
            }

            return registry;
        }));
        return services;
    }

    /// <summary>
    /// Only the export: the <c>Jug.Cloud</c> and <c>Microsoft.Orleans</c> meters for the Prometheus
    /// exporter that <c>MapJugCloudMetrics</c> serves, with no cluster sampler and no measured stores.
    /// For a process that records its own instruments but is not a silo or a cluster's web host
    /// (<c>jugcloud autoscale</c>): the sampler's gauges would report an empty cluster there.
    /// <see cref="AddJugCloudMetrics"/> calls it; call one or the other.
    /// </summary>
    /// <param name="services">The host's services.</param>
    public static IServiceCollection AddJugCloudMetricsExporter(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(JugCloudMeter.Name, OrleansMeterName)
            .AddPrometheusExporter());
        return services;
    }
}
