using System.Globalization;
using System.Text;

namespace Jug.Cloud.Client;

/// <summary>The words both writers put on a node: its name and either its hash or its counts.</summary>
internal static class DiagramText
{
    private static readonly TaskState[] Order = [TaskState.Done, TaskState.Running, TaskState.Ready, TaskState.Waiting, TaskState.Failed];

    /// <summary>The second line of a node's label: the short hash of a task, or the counts of a group.</summary>
    public static string Detail(DiagramNode node, bool hasStatus)
    {
        if (node.Hash is { } hash)
        {
            return hash.ToShortString(8);
        }

        var total = node.Counts.Total;
        var text = new StringBuilder(total == 1 ? "1 task" : total.ToString(CultureInfo.InvariantCulture) + " tasks");
        if (hasStatus)
        {
            var parts = Order.Where(s => node.Counts[s] > 0).Select(s => $"{node.Counts[s].ToString(CultureInfo.InvariantCulture)} {StateColors.NameOf(s)}");
            text.Append(": ").AppendJoin(", ", parts);
        }

        return text.ToString();
    }

    public static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
