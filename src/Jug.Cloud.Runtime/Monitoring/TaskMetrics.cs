using System.Diagnostics.Metrics;
using Jug.Cloud.Diagnostics;
using Jug.Cloud.Storage;

namespace Jug.Cloud.Runtime.Monitoring;

/// <summary>
/// Tasks finished and failed, and their run times, by task name: recorded once per commit group from
/// the group's run records, so the slots record nothing and a group of one name adds to each counter once.
/// </summary>
public static class TaskMetrics
{
    /// <summary>The tag that carries the task name.</summary>
    public const string NameTag = "name";

    private static readonly Counter<long> Finished = JugCloudMeter.Meter.CreateCounter<long>(
        "jugcloud.tasks.finished", "{task}", "Tasks that ran and whose results were stored, by task name.");

    private static readonly Counter<long> Failed = JugCloudMeter.Meter.CreateCounter<long>(
        "jugcloud.tasks.failed", "{task}", "Failed task attempts (retried or not), by task name.");

    private static readonly Histogram<double> RunTime = JugCloudMeter.Meter.CreateHistogram(
        "jugcloud.task.duration",
        "s",
        "Run time of task attempts, by task name.",
        tags: null,
        advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600],
        });

    /// <summary>Records the attempts of one commit group.</summary>
    public static void RecordGroup(IReadOnlyList<RunRecord> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0 || !(Finished.Enabled || Failed.Enabled || RunTime.Enabled))
        {
            return;
        }

        // Groups are mostly of one name: each counter is added to once per run of one name.
        var name = runs[0].TaskName;
        long finished = 0, failed = 0;
        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            if (!ReferenceEquals(run.TaskName, name) && run.TaskName != name)
            {
                Add(name, finished, failed);
                (name, finished, failed) = (run.TaskName, 0, 0);
            }

            if (run.Succeeded)
            {
                finished++;
            }
            else
            {
                failed++;
            }

            RunTime.Record(run.Duration.TotalSeconds, new KeyValuePair<string, object?>(NameTag, name));
        }

        Add(name, finished, failed);
    }

    private static void Add(string name, long finished, long failed)
    {
        var tag = new KeyValuePair<string, object?>(NameTag, name);
        if (finished > 0)
        {
            Finished.Add(finished, tag);
        }

        if (failed > 0)
        {
            Failed.Add(failed, tag);
        }
    }
}
