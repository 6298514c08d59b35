using System.Globalization;
using System.Text;
using Jug.Cloud.Graph;

namespace Jug.Cloud;

/// <summary>
/// The provenance of a result (Jug's <c>describe</c>): the task's name and hash, and each argument —
/// a value, or the description of the task it came from, recursively.
/// </summary>
/// <param name="Name">The task name.</param>
/// <param name="Hash">The task's identity.</param>
/// <param name="Path">The view into the result (a tasklet's path), or empty.</param>
/// <param name="Arguments">One entry per argument.</param>
public sealed record TaskDescription(string Name, TaskHash Hash, string Path, IReadOnlyList<ArgumentDescription> Arguments)
{
    /// <summary>An indented tree, one line per task and argument.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        Append(text, 0);
        return text.ToString().TrimEnd();
    }

    internal void Append(StringBuilder text, int depth)
    {
        text.Append(' ', depth * 2).Append(CultureInfo.InvariantCulture, $"{Name}{Path} #{Hash.ToShortString(8)}").AppendLine();
        foreach (var argument in Arguments)
        {
            argument.Append(text, depth + 1);
        }
    }

    internal static TaskDescription Of(TaskReference reference) =>
        new(reference.Task.Name, reference.Hash, ResultPath.Format(reference.Path), [.. reference.Task.Arguments.Select(ArgumentDescription.Of)]);
}

/// <summary>One argument in a <see cref="TaskDescription"/>: a value, or the tasks it came from.</summary>
/// <param name="Value">A plain value's text, or null.</param>
/// <param name="Sources">The tasks behind a task argument (one, or one per list item).</param>
public sealed record ArgumentDescription(string? Value, IReadOnlyList<TaskDescription> Sources)
{
    private const int MaxValueLength = 80;

    internal void Append(StringBuilder text, int depth)
    {
        if (Value is not null)
        {
            text.Append(' ', depth * 2).Append("= ").Append(Value).AppendLine();
        }

        foreach (var source in Sources)
        {
            source.Append(text, depth);
        }
    }

    internal static ArgumentDescription Of(TaskArgument argument) => argument switch
    {
        ValueArgument value => new ArgumentDescription(Show(value.Value), []),
        ReferenceArgument reference => new ArgumentDescription(null, [TaskDescription.Of(reference.Reference)]),
        ReferenceListArgument list => new ArgumentDescription(null, [.. list.Items.Select(TaskDescription.Of)]),
        _ => new ArgumentDescription(argument.ToString(), []),
    };

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

/// <summary>Jug's <c>describe</c>.</summary>
public static partial class Jug
{
    /// <summary>The full provenance of <paramref name="handle"/>'s value: task, arguments, and the tasks they came from, recursively.</summary>
    public static TaskDescription Describe(JugHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        return TaskDescription.Of(handle.Reference);
    }
}
