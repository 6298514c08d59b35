using Jug.Cloud.Bench.EditLoop;
using Jug.Cloud.Bench.Output;

namespace Jug.Cloud.Bench.Scenarios;

/// <summary>
/// Scenario 12: a new user's first minutes — clone the repository and run the first command of its
/// README (restore, build, run the example) until it is done. It builds the whole engine, so it runs
/// only when named (<c>12</c> or <c>fresh-clone</c>). NuGet's package cache is the machine's: on a
/// machine that never restored these packages, their download comes on top.
/// </summary>
internal sealed class FreshCloneScenario : IBenchScenario
{
    public string Number => "12";

    public string Id => "fresh-clone";

    public string Title => "fresh clone: the README's first command";

    /// <summary>Half of the 134 s it took before plain jugfiles were compiled in process.</summary>
    public Target Target { get; } = Target.AtMost(67, Unit.Seconds);

    public bool OnRequestOnly => true;

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var repository = RepositoryRoot();
        if (repository is null)
        {
            return ScenarioResult.NotAvailable("not run from a clone of the repository");
        }

        var clone = Path.Combine(context.TemporaryRoot, $"clone-{Guid.NewGuid():n}");
        (await ChildProcess.RunAsync(context.TemporaryRoot, "git", ["clone", "--quiet", "--no-hardlinks", repository, clone], cancellationToken)).EnsureSuccess("git clone");
        var command = FirstCommand(Path.Combine(clone, "README.md"));
        var run = (await ChildProcess.RunAsync(clone, "bash", ["-c", command], cancellationToken)).EnsureSuccess(command);
        return new ScenarioResult
        {
            Value = run.Wall.TotalSeconds,
            Measurement = new Measurement.Measurement(run.Wall, run.Cpu, 0),
            Count = 1,
            CountsTasks = false,
            Notes = $"`{command}`",
        };
    }

    /// <summary>The first command line of the README's first <c>bash</c> block (comments skipped).</summary>
    internal static string FirstCommand(string readme)
    {
        var inBlock = false;
        foreach (var line in File.ReadLines(readme))
        {
            var trimmed = line.Trim();
            if (!inBlock)
            {
                inBlock = trimmed == "```bash";
                continue;
            }

            if (trimmed.Length > 0 && !trimmed.StartsWith('#'))
            {
                return trimmed;
            }
        }

        throw new InvalidOperationException($"{readme} has no command in a bash block.");
    }

    private static string? RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Jug.Cloud.sln")) && Directory.Exists(Path.Combine(directory.FullName, ".git")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
