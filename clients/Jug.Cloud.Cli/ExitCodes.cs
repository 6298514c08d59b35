namespace Jug.Cloud.Cli;

/// <summary>What <c>jugcloud</c> exits with.</summary>
public static class ExitCodes
{
    /// <summary>Everything asked for is done.</summary>
    public const int Success = 0;

    /// <summary>Tasks failed or are not done (execute, check).</summary>
    public const int NotDone = 1;

    /// <summary>Bad input: a missing jugfile, a bad URI, a pattern that matches nothing, a build that failed.</summary>
    public const int UsageError = 2;
}
