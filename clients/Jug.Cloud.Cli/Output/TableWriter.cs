using Spectre.Console;

namespace Jug.Cloud.Cli.Output;

/// <summary>
/// Writes the CLI's tables: rounded and styled on a terminal; as plain text with a simple border, no
/// colour codes and no wrapping when the output goes to a file or a pipe, where scripts read it.
/// </summary>
internal static class TableWriter
{
    /// <summary>Wide enough that no task name is ever wrapped in redirected output.</summary>
    private const int RedirectedWidth = 4096;

    public static void Write(Table table)
    {
        if (!Console.IsOutputRedirected)
        {
            AnsiConsole.Write(table.Border(TableBorder.Rounded));
            return;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        console.Profile.Width = RedirectedWidth;
        console.Write(table.Border(TableBorder.Simple));
    }
}
