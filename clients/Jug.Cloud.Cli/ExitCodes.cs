namespace Jug.Cloud.Cli;

/// <summary>What <c>jugcloud</c> exits with.</summary>
public static class ExitCodes
{
    /// <summary>Everything asked for is done.</summary>
    public const int Success = 0;

    /// <summary>
    /// Tasks failed or are not done (<c>execute</c>, <c>check</c>, <c>sleep-until</c>), a shell submission
    /// failed, or an unexpected error stopped <c>jugcloud</c> itself (one line; <c>--verbose</c> shows
    /// the stack trace).
    /// </summary>
    public const int NotDone = 1;

    /// <summary>
    /// Bad input: a missing jugfile, a bad URI, a store or cluster that cannot be reached (its Redis,
    /// or no silo up), a pattern that matches nothing, a build that failed, bad usage, bad configuration.
    /// </summary>
    public const int UsageError = 2;

    /// <summary>Interrupted (Ctrl+C or SIGTERM), as shells report it.</summary>
    public const int Interrupted = 130;
}
