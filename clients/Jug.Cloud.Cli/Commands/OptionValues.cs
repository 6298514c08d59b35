namespace Jug.Cloud.Cli.Commands;

/// <summary>Checks of option values that several commands share; a bad value is an <see cref="ArgumentException"/>,
/// which <see cref="CommandRunner"/> turns into one line and exit code 2.</summary>
internal static class OptionValues
{
    /// <summary>A duration given in seconds: finite, positive (or zero where allowed) and within what a <see cref="TimeSpan"/> holds.</summary>
    public static TimeSpan Seconds(double value, string option, bool allowZero = false) =>
        double.IsFinite(value) && (value > 0 || (allowZero && value == 0)) && value <= TimeSpan.MaxValue.TotalSeconds
            ? TimeSpan.FromSeconds(value)
            : throw new ArgumentException($"{option} must be a positive number of seconds.");
}
