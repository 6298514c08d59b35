using Jug.Cloud.Web.Sources;

namespace Jug.Cloud.Web.Cluster;

/// <summary>
/// The workers page of a cluster: one row per silo in the membership table, with the tags and running
/// tasks the active runs' dispatchers know of it and the slots and tallies of its pools' status
/// records in the store; then status records of workers that are not silos (an <c>execute</c>
/// process on the same store).
/// </summary>
internal static class ClusterWorkers
{
    public static IReadOnlyList<WorkerInfoView> Of(ClusterSnapshot snapshot, IReadOnlyList<WorkerInfoView> records)
    {
        var rows = new List<WorkerInfoView>(snapshot.Silos.Length + records.Count);
        var matched = new HashSet<WorkerInfoView>();
        foreach (var silo in snapshot.Silos.OrderBy(s => s.SiloName, StringComparer.Ordinal))
        {
            var name = silo.SiloName;
            var own = records.Where(r => IsOf(r.Name, name)).ToArray();
            matched.UnionWith(own);
            var tags = snapshot.Views.SelectMany(v => v.Workers).Where(w => IsOf(w.Worker, name)).SelectMany(w => w.Tags)
                .Concat(own.SelectMany(r => r.Tags))
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            var running = snapshot.Views.SelectMany(v => v.Running).Where(r => IsOf(r.Worker, name))
                .Select(r => new SlotTaskView(r.Task.ToString(), r.Name, r.Since))
                .ToArray();
            rows.Add(new WorkerInfoView(
                name,
                $"{silo.HostName} ({silo.SiloAddress})",
                tags,
                own.Select(r => r.Slots).DefaultIfEmpty(0).Max(),
                Math.Max(0, (snapshot.At - LastHeard(silo)).TotalSeconds),
                false,
                running,
                own.Length == 0 ? null : own.Sum(r => r.TasksDone ?? 0),
                own.Length == 0 ? null : own.Sum(r => r.StoreReads ?? 0))
            {
                Drainable = true,
            });
        }

        rows.AddRange(records.Where(r => !matched.Contains(r)));
        return rows;
    }

    /// <summary>A silo writes its first I-am-alive a while after it starts.</summary>
    private static DateTimeOffset LastHeard(Orleans.MembershipEntry silo) =>
        new(DateTime.SpecifyKind(silo.IAmAliveTime > silo.StartTime ? silo.IAmAliveTime : silo.StartTime, DateTimeKind.Utc));

    /// <summary>A silo's pools are named after it (<c>name</c>, or <c>name/run</c> in the store).</summary>
    private static bool IsOf(string worker, string silo) =>
        worker == silo || (worker.Length > silo.Length && worker.StartsWith(silo, StringComparison.Ordinal) && worker[silo.Length] == '/');
}
