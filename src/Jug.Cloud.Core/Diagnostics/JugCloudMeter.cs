using System.Diagnostics.Metrics;

namespace Jug.Cloud.Diagnostics;

/// <summary>
/// The one <see cref="System.Diagnostics.Metrics.Meter"/> every Jug.Cloud instrument is on, so an
/// exporter (OpenTelemetry, <c>dotnet-counters</c>) listens to all of them by one name. Instruments
/// on it cost a flag check when nothing listens.
/// </summary>
public static class JugCloudMeter
{
    /// <summary>The meter's name: what a listener subscribes to.</summary>
    public const string Name = "Jug.Cloud";

    /// <summary>The process-wide meter for instruments recorded as things happen (counters, histograms).</summary>
    public static Meter Meter { get; } = new(Name, typeof(JugCloudMeter).Assembly.GetName().Version?.ToString());
}
