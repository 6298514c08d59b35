using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Serves what <c>AddJugCloudMetrics</c> collects.</summary>
public static class JugCloudMetricsEndpointExtensions
{
    /// <summary>The path metrics are served at unless another is given.</summary>
    public const string DefaultPath = "/metrics";

    /// <summary>
    /// Maps the Prometheus text exposition of Jug.Cloud's and Orleans' meters at <paramref name="path"/>;
    /// the returned builder takes the host's own authorization (<c>RequireAuthorization</c>).
    /// </summary>
    /// <param name="endpoints">The app's endpoints.</param>
    /// <param name="path">Where to serve them (default <c>/metrics</c>).</param>
    public static IEndpointConventionBuilder MapJugCloudMetrics(this IEndpointRouteBuilder endpoints, string path = DefaultPath)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return endpoints.MapPrometheusScrapingEndpoint(path);
    }
}
