using System.Globalization;
using Jug.Cloud.Bench.EditLoop;
using Jug.Cloud.Bench.Output;

namespace Jug.Cloud.Bench.Scenarios;

/// <summary>What the edit–run scenarios do between setting up a finished 100-task graph and timing one command.</summary>
internal enum EditLoopStep
{
    /// <summary>11a: change a comment in the jugfile, then <c>status</c> (a compile and a status).</summary>
    EditThenStatus,

    /// <summary>11b: add one task to the jugfile, then <c>execute</c> (a compile, an engine start and one task).</summary>
    OneNewTask,

    /// <summary>11c: <c>status</c> of the unchanged, finished graph.</summary>
    FinishedStatus,
}

/// <summary>
/// Scenarios 11a–11c: the edit–run loop as a user at a terminal feels it — one <c>jugcloud</c> process
/// timed from start to exit, on a jugfile in a folder of its own whose 100 tasks are already done.
/// Where Python's Jug is installed, the same step on the same graph is timed beside it.
/// </summary>
internal sealed class EditLoopScenario(EditLoopStep step) : IBenchScenario
{
    private static int s_edits;

    public string Number => step switch
    {
        EditLoopStep.EditThenStatus => "11a",
        EditLoopStep.OneNewTask => "11b",
        _ => "11c",
    };

    public string Id => step switch
    {
        EditLoopStep.EditThenStatus => "edit-status",
        EditLoopStep.OneNewTask => "edit-execute",
        _ => "status-100",
    };

    public string Title => step switch
    {
        EditLoopStep.EditThenStatus => "edit a 100-task jugfile, then status",
        EditLoopStep.OneNewTask => "execute a jugfile with one new task",
        _ => "status of a finished 100-task graph",
    };

    public Target Target => step switch
    {
        EditLoopStep.EditThenStatus => Target.AtMost(1.0, Unit.Seconds),
        EditLoopStep.OneNewTask => Target.AtMost(0.8, Unit.Seconds),
        _ => Target.AtMost(0.25, Unit.Seconds),
    };

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var tools = EditLoopTools.Locate(context.Settings.Jugcloud, context.Settings.Jug);
        var directory = Path.Combine(context.TemporaryRoot, $"edit-loop-{Id}-{Guid.NewGuid():n}");
        EditLoopJugfiles.Write(directory);
        (await tools.JugcloudAsync(directory, cancellationToken, "execute")).EnsureSuccess("jugcloud execute");
        if (tools.Jug is not null)
        {
            (await tools.JugAsync(directory, cancellationToken, "execute", "jugfile.py")).EnsureSuccess("jug execute");
        }

        if (context.Settings.Warmup)
        {
            // Once unmeasured, so the measured run finds the tool's files in the page cache as a user's second command does.
            (await tools.JugcloudAsync(directory, cancellationToken, "status")).EnsureSuccess("jugcloud status");
        }

        Edit(directory);
        var measured = (await tools.JugcloudAsync(directory, cancellationToken, Command)).EnsureSuccess($"jugcloud {Command}");
        var jug = tools.Jug is null ? null : (await tools.JugAsync(directory, cancellationToken, Command, "jugfile.py")).EnsureSuccess($"jug {Command}");
        return new ScenarioResult
        {
            Value = measured.Wall.TotalSeconds,
            Measurement = new Measurement.Measurement(measured.Wall, measured.Cpu, 0),
            Count = step == EditLoopStep.OneNewTask ? 1 : 100,
            CountsTasks = false,
            Notes = $"{tools.Describe()}; "
                + (jug is null ? "Jug not installed (pip install jug, or --jug PATH)" : $"Jug: {Seconds(jug.Wall)} wall, {Seconds(jug.Cpu)} CPU"),
        };
    }

    private string Command => step == EditLoopStep.OneNewTask ? "execute" : "status";

    private void Edit(string directory)
    {
        var edit = Interlocked.Increment(ref s_edits);
        switch (step)
        {
            case EditLoopStep.EditThenStatus:
                EditLoopJugfiles.EditComment(directory, edit);
                break;
            case EditLoopStep.OneNewTask:
                EditLoopJugfiles.AddTask(directory, edit);
                break;
        }
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00 s", CultureInfo.InvariantCulture);
}
