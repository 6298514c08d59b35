using System.Globalization;
using System.Text;
using Jug.Cloud.Graph;

namespace Jug.Cloud.Web.Sources;

/// <summary>
/// Jug's <c>describe</c> from a task node: the task, each argument's value or the tasks it came from,
/// as an indented tree. Cut at a depth and a breadth, since a page shows it, not a file.
/// </summary>
internal static class TaskProvenance
{
    private const int MaxDepth = 4;
    private const int MaxItems = 20;
    private const int MaxValueLength = 80;

    public static string Describe(TaskNode task)
    {
        var text = new StringBuilder();
        Append(text, task, "", 0);
        return text.ToString().TrimEnd();
    }

    private static void Append(StringBuilder text, TaskNode task, string path, int depth)
    {
        text.Append(' ', depth * 2).Append(CultureInfo.InvariantCulture, $"{task.Name}{path} #{task.Hash.ToShortString(8)}").AppendLine();
        if (depth >= MaxDepth)
        {
            if (task.Arguments.Count > 0)
            {
                text.Append(' ', (depth + 1) * 2).AppendLine("…");
            }

            return;
        }

        foreach (var argument in task.Arguments)
        {
            switch (argument)
            {
                case ValueArgument value:
                    text.Append(' ', (depth + 1) * 2).Append("= ").AppendLine(Show(value.Value));
                    break;
                case ReferenceArgument reference:
                    Append(text, reference.Reference.Task, ResultPath.Format(reference.Reference.Path), depth + 1);
                    break;
                case ReferenceListArgument list:
                    foreach (var item in list.Items.Take(MaxItems))
                    {
                        Append(text, item.Task, ResultPath.Format(item.Path), depth + 1);
                    }

                    if (list.Items.Count > MaxItems)
                    {
                        text.Append(' ', (depth + 1) * 2).Append(CultureInfo.InvariantCulture, $"… and {list.Items.Count - MaxItems} more").AppendLine();
                    }

                    break;
                default:
                    text.Append(' ', (depth + 1) * 2).AppendLine(argument.ToString());
                    break;
            }
        }
    }

    private static string Show(object? value)
    {
        var text = value switch
        {
            null => "null",
            string s => $"\"{s}\"",
            Array a => $"{a.GetType().GetElementType()?.Name}[{a.Length}]",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? value.GetType().Name,
        };
        return text.Length <= MaxValueLength ? text : text[..(MaxValueLength - 1)] + "…";
    }
}
