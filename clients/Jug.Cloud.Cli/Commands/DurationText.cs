using System.Globalization;

namespace Jug.Cloud.Cli.Commands;

/// <summary>Durations written as people write them: <c>500ms</c>, <c>30s</c>, <c>2m</c>, <c>1h</c>, or a bare number of seconds.</summary>
internal static class DurationText
{
    private static readonly (string Suffix, double Seconds)[] Units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];

    /// <summary>The duration <paramref name="text"/> says; a bad one is an <see cref="ArgumentException"/> naming <paramref name="option"/>.</summary>
    public static TimeSpan Parse(string? text, string option, bool allowZero = false)
    {
        var trimmed = text?.Trim() ?? "";
        foreach (var (suffix, seconds) in Units)
        {
            if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(trimmed[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && !(suffix == "s" && trimmed.EndsWith("ms", StringComparison.OrdinalIgnoreCase)))
            {
                return Checked(value * seconds, option, allowZero);
            }
        }

        return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var bare)
            ? Checked(bare, option, allowZero)
            : throw new ArgumentException($"{option} '{text}' is not a duration (e.g. 30s, 2m, 500ms).");
    }

    private static TimeSpan Checked(double seconds, string option, bool allowZero) =>
        double.IsFinite(seconds) && (seconds > 0 || (allowZero && seconds == 0)) && seconds <= TimeSpan.MaxValue.TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"{option} must be a positive duration (e.g. 30s, 2m, 500ms).");
}
