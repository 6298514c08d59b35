using System.Globalization;

namespace Jug.Cloud.Bench.Output;

/// <summary>How a measured value is printed.</summary>
internal enum Unit
{
    /// <summary>Tasks per second.</summary>
    TasksPerSecond,

    /// <summary>Dependent links per second.</summary>
    LinksPerSecond,

    /// <summary>Seconds.</summary>
    Seconds,

    /// <summary>Milliseconds.</summary>
    Milliseconds,

    /// <summary>Bytes per task.</summary>
    BytesPerTask,

    /// <summary>A dimensionless ratio (×).</summary>
    Ratio,

    /// <summary>A fraction printed as a percentage.</summary>
    Percent,

    /// <summary>Gigabytes (10⁹ bytes) per second.</summary>
    GigabytesPerSecond,
}

/// <summary>Formatting of values, sizes and durations for the table.</summary>
internal static class Units
{
    public static string Format(this Unit unit, double value) => unit switch
    {
        Unit.TasksPerSecond => $"{Number(value)} tasks/s",
        Unit.LinksPerSecond => $"{Number(value)} links/s",
        Unit.Seconds => $"{value.ToString("0.00", CultureInfo.InvariantCulture)} s",
        Unit.Milliseconds => $"{value.ToString("0.00", CultureInfo.InvariantCulture)} ms",
        Unit.BytesPerTask => $"{Bytes(value)}/task",
        Unit.Ratio => $"{value.ToString("0.00", CultureInfo.InvariantCulture)}×",
        Unit.Percent => $"{(value * 100).ToString("0", CultureInfo.InvariantCulture)} %",
        Unit.GigabytesPerSecond => $"{value.ToString("0.00", CultureInfo.InvariantCulture)} GB/s",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A count or rate with thousands separators.</summary>
    public static string Number(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>Bytes in binary units (KiB = 1,024 bytes, printed KB as Jug's users expect).</summary>
    public static string Bytes(double bytes) => bytes switch
    {
        >= 1L << 30 => $"{(bytes / (1L << 30)).ToString("0.00", CultureInfo.InvariantCulture)} GB",
        >= 1L << 20 => $"{(bytes / (1L << 20)).ToString("0", CultureInfo.InvariantCulture)} MB",
        >= 1L << 10 => $"{(bytes / (1L << 10)).ToString("0.00", CultureInfo.InvariantCulture)} KB",
        _ => $"{bytes.ToString("0", CultureInfo.InvariantCulture)} B",
    };

    public static string Duration(TimeSpan time) => time.TotalMilliseconds switch
    {
        >= 1000 => $"{time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s",
        >= 10 => $"{time.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms",
        _ => $"{time.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms",
    };
}
