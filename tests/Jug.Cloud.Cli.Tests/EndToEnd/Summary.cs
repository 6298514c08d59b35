using System.Text.RegularExpressions;

namespace Jug.Cloud.Cli.Tests.EndToEnd;

/// <summary>Reads the counts from <c>execute</c>'s summary line.</summary>
public static partial class Summary
{
    /// <summary>(executed, already done) from a run with no failures.</summary>
    public static (int Executed, int AlreadyDone) Read(CliResult run)
    {
        var match = Pattern().Match(run.Output);
        Assert.True(match.Success, run.ToString());
        return (int.Parse(match.Groups["executed"].Value), int.Parse(match.Groups["done"].Value));
    }

    [GeneratedRegex(@"Executed (?<executed>\d+) tasks? \((?<done>\d+) already done, 0 failed\)")]
    private static partial Regex Pattern();
}
