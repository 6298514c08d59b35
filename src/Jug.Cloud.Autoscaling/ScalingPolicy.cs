using System.Globalization;
using Jug.Cloud.Runtime.Monitoring;

namespace Jug.Cloud.Autoscaling;

/// <summary>
/// How many silos to have, step by step: the recommendation is Dask's adaptive target (work ÷ target
/// duration ÷ slots per silo, through <see cref="FleetSizer"/>); the fleet grows to it at once, by at
/// most Ray's upscaling step, and shrinks only after a lower recommendation held for the idle timeout
/// (then to the highest recommendation seen in that time, so one quiet reading never drains a silo).
/// Ready tasks that require a tag the fleet's silos lack are left out of the work: starting silos
/// for them would only start silos that could never run them.
/// </summary>
public sealed class ScalingPolicy
{
    private readonly ScalingPolicyOptions _options;
    private readonly FleetSizer _sizer;
    private readonly TimeProvider _time;
    private DateTimeOffset? _lowerSince;
    private int _highestLower;

    /// <summary>A policy with <paramref name="options"/> reading <paramref name="time"/>.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public ScalingPolicy(ScalingPolicyOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        _options = options;
        _sizer = options.Sizer();
        _time = time;
    }

    /// <summary>The step to take from <paramref name="current"/> silos given <paramref name="demand"/>.</summary>
    public ScalingStep Decide(int current, DemandSample demand)
    {
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentOutOfRangeException.ThrowIfNegative(current);
        var (unserved, left) = Unserved(demand);
        // The shards count tasks by name and the dispatcher's queues by tag, and neither knows the
        // other's split, so the tasks left out cannot be weighed by their names' mean run times: each
        // is weighed by the unknown-task duration instead, and the work never goes below zero.
        var work = Math.Max(0, _sizer.WorkSeconds(demand.Names) - (left * _options.UnknownTaskDuration.TotalSeconds));
        var recommended = _sizer.DesiredSilos(work);
        // A submitter waiting for a first silo has work nobody can measure yet: one silo lets it submit.
        if (demand.WaitingSubmitters > 0 && recommended == 0)
        {
            recommended = 1;
        }

        var step = new ScalingStep(current, recommended, current, work, demand, "") { Unserved = unserved, UnservedTasks = left };
        if (recommended >= current)
        {
            _lowerSince = null;
            if (recommended == current)
            {
                return step;
            }

            var most = current + Math.Max(5, (int)Math.Ceiling(_options.UpscalingSpeed * current));
            var target = Math.Min(recommended, most);
            return step with { Target = target, Reason = Line(current, target, Why(demand, left, work, recommended) + (target < recommended ? $"; at most {most - current} more a step" : "")) };
        }

        var now = _time.GetUtcNow();
        if (_lowerSince is not { } since)
        {
            (_lowerSince, _highestLower) = (now, recommended);
            since = now;
        }
        else
        {
            _highestLower = Math.Max(_highestLower, recommended);
        }

        var held = now - since;
        if (held < _options.IdleTimeout)
        {
            return step;
        }

        var lower = _highestLower;
        _lowerSince = null;
        return step with { Target = lower, Reason = Line(current, lower, $"{Why(demand, left, work, recommended)}; {lower} or fewer wanted for {Seconds(held.TotalSeconds)} (idle timeout {Seconds(_options.IdleTimeout.TotalSeconds)}), draining {current - lower}") };
    }

    /// <summary>
    /// The ready tasks of <paramref name="demand"/> that require a tag the fleet lacks, by tag, and
    /// how many to leave out in all: at most the ready tasks, since a queue's depth may still count
    /// tasks settled or leased meanwhile.
    /// </summary>
    private (IReadOnlyDictionary<string, long> ByTag, long Total) Unserved(DemandSample demand)
    {
        var byTag = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (tag, tasks) in demand.RequiredTags)
        {
            if (tasks > 0 && !_options.FleetTags.Contains(tag))
            {
                byTag[tag] = tasks;
            }
        }

        return (byTag, Math.Min(byTag.Values.Sum(), demand.Ready));
    }

    private string Why(DemandSample demand, long unserved, double work, int recommended)
    {
        var ready = demand.Ready - unserved;
        var tasks = ready + demand.Running;
        var waiting = demand.WaitingSubmitters > 0 && demand.ActiveSilos == 0 ? $", {demand.WaitingSubmitters} submitter(s) waiting for a first silo" : "";
        var mean = tasks == 0 ? "" : $" × {Seconds(work / tasks)} s";
        var left = unserved == 0 ? "" : $" ({unserved} more ready need tags this fleet lacks)";
        return $"{ready} ready + {demand.Running} running{mean} = {Seconds(work)} s of work{left}{waiting}; target {Seconds(_options.TargetDuration.TotalSeconds)} s on {_options.SlotsPerSilo} slots a silo → {recommended} (min {_options.MinSilos}, max {_options.MaxSilos})";
    }

    private static string Line(int from, int to, string why) => $"scale {from} → {to}: {why}";

    private static string Seconds(double seconds) => seconds.ToString(seconds >= 10 ? "0" : seconds >= 0.1 ? "0.##" : "0.####", CultureInfo.InvariantCulture);
}
