using System.Text.Json;
using Jug.Cloud.Client;

namespace Jug.Cloud.Cli.Output;

/// <summary>
/// <c>status --json</c>: the rows, the total, the failures and every task's state, written as a stream
/// so a graph of a million tasks does not become one string first.
/// </summary>
internal static class StatusJson
{
    public static void Write(Stream output, StatusReport report)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteBoolean("stoppedAtBarrier", report.StoppedAtBarrier);
        json.WriteStartArray("rows");
        foreach (var row in report.Rows)
        {
            WriteRow(json, row);
        }

        json.WriteEndArray();
        json.WritePropertyName("total");
        WriteRow(json, report.Total);
        json.WriteStartArray("failures");
        foreach (var failure in report.Failures)
        {
            json.WriteStartObject();
            json.WriteString("hash", failure.Key.ToString());
            json.WriteString("name", failure.TaskName);
            json.WriteString("exceptionType", failure.ExceptionType);
            json.WriteString("message", failure.Message);
            json.WriteNumber("attempt", failure.Attempt);
            json.WriteString("worker", failure.Worker);
            json.WriteString("time", failure.Time);
            json.WriteString("stackTrace", failure.StackTrace);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("tasks");
        foreach (var entry in report.Tasks)
        {
            json.WriteStartObject();
            json.WriteString("hash", entry.Task.Hash.ToString());
            json.WriteString("name", entry.Task.Name);
            json.WriteString("state", StateName(entry.State));
            json.WriteEndObject();
            if (json.BytesPending > 1 << 16)
            {
                json.Flush();
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    public static string StateName(TaskState state) => state switch
    {
        TaskState.Waiting => "waiting",
        TaskState.Ready => "ready",
        TaskState.Running => "running",
        TaskState.Done => "done",
        TaskState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    private static void WriteRow(Utf8JsonWriter json, StatusRow row)
    {
        json.WriteStartObject();
        json.WriteString("name", row.Name);
        foreach (var state in Enum.GetValues<TaskState>())
        {
            json.WriteNumber(StateName(state), row[state]);
        }

        json.WriteNumber("total", row.Total);
        if (row.MeanRunTime is { } mean && row.MaxRunTime is { } max)
        {
            json.WriteNumber("meanSeconds", Math.Round(mean.TotalSeconds, 6));
            json.WriteNumber("maxSeconds", Math.Round(max.TotalSeconds, 6));
        }

        json.WriteEndObject();
    }
}
