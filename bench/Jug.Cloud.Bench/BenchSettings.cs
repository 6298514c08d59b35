namespace Jug.Cloud.Bench;

/// <summary>What a benchmark run was asked for.</summary>
internal sealed record BenchSettings
{
    /// <summary>Scale of every scenario: 1 is the size its target is set for; 0.01 runs a hundredth of the tasks.</summary>
    public double Size { get; init; } = 1.0;

    /// <summary>Worker slots (<c>-j</c>).</summary>
    public int Jobs { get; init; } = 2;

    /// <summary>
    /// Where the durable-store scenarios keep results: null for a file jugdir in a fresh temporary
    /// directory; a path for fresh jugdirs under it (to measure another disk); any store URI otherwise.
    /// </summary>
    public string? Store { get; init; }

    /// <summary>Rounds per scenario; the round with the median measured value is reported.</summary>
    public int Rounds { get; init; } = 1;

    /// <summary>Run each engine scenario once at a small size first, unmeasured, so JIT compilation is not timed.</summary>
    public bool Warmup { get; init; } = true;

    /// <summary>Where temporary jugdirs go; null for the system's temporary directory.</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>The <c>jugcloud</c> the edit–run scenarios time: a command or a <c>jugcloud.dll</c>; null for the one built beside the benchmark.</summary>
    public string? Jugcloud { get; init; }

    /// <summary>Python's <c>jug</c> command to time beside it; null for <c>jug</c> on the PATH, if any.</summary>
    public string? Jug { get; init; }

    /// <summary><paramref name="fullSize"/> scaled by <see cref="Size"/>, at least <paramref name="minimum"/>.</summary>
    public int Scale(int fullSize, int minimum) => Math.Max(minimum, (int)Math.Round(fullSize * Size));

    /// <summary><paramref name="fullSize"/> scaled by <see cref="Size"/>, at least <paramref name="minimum"/>.</summary>
    public long Scale(long fullSize, long minimum) => Math.Max(minimum, (long)Math.Round(fullSize * Size));

    /// <summary>True when running at the size the targets are set for.</summary>
    public bool IsFullSize => Size >= 1.0;
}
