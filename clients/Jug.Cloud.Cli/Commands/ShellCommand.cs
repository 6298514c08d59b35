using System.CommandLine;
using System.Text;
using Jug.Cloud.Cli.Shell;
using Jug.Cloud.Client;

namespace Jug.Cloud.Cli.Commands;

/// <summary><c>shell</c>: a C# prompt with the jugfile loaded, its results a call away.</summary>
internal static class ShellCommand
{
    private static readonly string[] ExitWords = ["#exit", "exit", "quit"];

    public static Command Create()
    {
        var jugfile = CommonOptions.Jugfile();
        var arguments = CommonOptions.JugfileArguments();
        var code = new Option<string?>("--command", "-c") { Description = "Run this C# (an expression prints its value) and exit." };
        var command = new Command("shell", "A C# prompt with the jugfile's types and Value(task), GetTasks(), GetFilteredTasks(pattern), Invalidate(…), Graph and Store.")
        {
            jugfile, arguments, code,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, async () =>
        {
            ShellJugfile? loaded = null;
            await using var session = await JugfileSession.OpenAsync(parse, jugfile, arguments, cancellationToken, load: async (source, args, store, token) =>
                (loaded = await ShellJugfile.LoadAsync(source, args, new StoreCheckRunner(store), token)).Graph);
            var shell = new ShellSession(new ShellGlobals(session.Graph, session.Store), loaded!.Assembly, Console.Out, Console.Error);
            if (parse.GetValue(code) is { } once)
            {
                return await shell.RunAsync(once, cancellationToken) ? ExitCodes.Success : ExitCodes.NotDone;
            }

            var interactive = !Console.IsInputRedirected;
            if (interactive)
            {
                Console.WriteLine($"Jug.Cloud shell: {Path.GetFileName(session.Source!.Path)}, {session.Graph.Count} tasks.");
                Console.WriteLine("  Value(task or hash), GetTasks(), GetFilteredTasks(pattern), Status(), Invalidate(pattern or task), Graph, Store;");
                Console.WriteLine("  the jugfile's types are in scope. An expression without ';' prints its value. Ctrl+D or #exit leaves.");
            }

            return await ReadLoopAsync(shell, interactive, cancellationToken);
        }, cancellationToken));
        return command;
    }

    /// <summary>
    /// Reads submissions until the end of input: lines are gathered until they make a whole
    /// submission. Interactive, a blank line also ends one (so a typo cannot trap the prompt). From
    /// redirected input the exit code is 1 if any submission failed, so scripts notice.
    /// </summary>
    private static async Task<int> ReadLoopAsync(ShellSession shell, bool interactive, CancellationToken cancellationToken)
    {
        var buffer = new StringBuilder();
        var failed = false;
        while (true)
        {
            if (interactive)
            {
                Console.Write(buffer.Length == 0 ? "> " : "* ");
            }

            var line = await Console.In.ReadLineAsync(cancellationToken);
            if (line is null || (buffer.Length == 0 && ExitWords.Contains(line.Trim())))
            {
                if (buffer.Length > 0 && line is null)
                {
                    failed |= !await shell.RunAsync(buffer.ToString(), cancellationToken);
                }

                break;
            }

            if (buffer.Length == 0 && string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            buffer.AppendLine(line);
            var text = buffer.ToString();
            if (ShellSession.IsComplete(text) || (interactive && string.IsNullOrWhiteSpace(line)))
            {
                buffer.Clear();
                failed |= !await shell.RunAsync(text, cancellationToken);
            }
        }

        return failed && !interactive ? ExitCodes.NotDone : ExitCodes.Success;
    }
}
