using System.CommandLine;
using Jug.Cloud.Bench.Output;
using Jug.Cloud.Bench.Scenarios;
using Spectre.Console;

namespace Jug.Cloud.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Jug.Cloud.Bench -- [SCENARIO…] [--size S] [-j N] [--store URI]</c>.
/// </summary>
internal static class BenchCommand
{
    public static RootCommand Create()
    {
        var scenarios = new Argument<string[]>("scenario")
        {
            Description = "Scenarios to run, by number (1, 4, 4b) or name (fan-in-memory, chain…); all if none.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var size = new Option<double>("--size") { Description = "Scale of every scenario; 1 is the size the targets are set for.", DefaultValueFactory = _ => 1.0 };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Worker slots.", DefaultValueFactory = _ => 2 };
        var store = new Option<string?>("--store")
        {
            Description = "Where the durable-store scenarios (2, 3, 4a, 8) keep results: a directory for fresh file jugdirs under it, or a store URI (default: a temporary directory).",
        };
        var rounds = new Option<int>("--rounds") { Description = "Rounds per scenario; the median is reported.", DefaultValueFactory = _ => 1 };
        var noWarmup = new Option<bool>("--no-warmup") { Description = "Do not run each scenario once at a small size before measuring." };
        var markdown = new Option<bool>("--markdown") { Description = "Print the table as Markdown." };
        var workDirectory = new Option<string?>("--work-dir") { Description = "Where temporary jugdirs go (default: the system's temporary directory)." };
        var jugcloud = new Option<string?>("--jugcloud") { Description = "The jugcloud the edit-run scenarios (11) time: an installed tool's command or a jugcloud.dll (default: the one built beside the benchmark)." };
        var jug = new Option<string?>("--jug") { Description = "Python's jug command to time beside it (default: jug on the PATH, if any)." };
        var list = new Option<bool>("--list") { Description = "List the scenarios and their targets." };
        var command = new RootCommand("Jug.Cloud benchmarks: builds each scenario's graph, runs it from a clean store and compares the result with its target.")
        {
            scenarios, size, jobs, store, rounds, noWarmup, markdown, workDirectory, jugcloud, jug, list,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(list))
            {
                foreach (var scenario in ScenarioCatalog.All.OrderBy(ScenarioCatalog.DisplayOrder))
                {
                    Console.WriteLine($"{scenario.Number,-3} {scenario.Id,-14} {scenario.Title}  (target {scenario.Target}){(scenario.OnRequestOnly ? "  [only when named]" : "")}");
                }

                return 0;
            }

            BenchSettings settings;
            IReadOnlyList<IBenchScenario> selected;
            try
            {
                settings = new BenchSettings
                {
                    Size = Positive(parse.GetValue(size), "--size"),
                    Jobs = (int)Positive(parse.GetValue(jobs), "-j"),
                    Store = parse.GetValue(store),
                    Rounds = (int)Positive(parse.GetValue(rounds), "--rounds"),
                    Warmup = !parse.GetValue(noWarmup),
                    WorkDirectory = parse.GetValue(workDirectory),
                    Jugcloud = parse.GetValue(jugcloud),
                    Jug = parse.GetValue(jug),
                };
                selected = ScenarioCatalog.Select(parse.GetValue(scenarios) ?? []);
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 2;
            }

            var rows = await BenchRunner.RunAsync(settings, selected, line => Console.Error.WriteLine(line), cancellationToken);
            var machine = MachineDescription.Describe();
            if (parse.GetValue(markdown))
            {
                ResultTable.WriteMarkdown(Console.Out, rows, settings, machine);
            }
            else
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings());
                if (Console.IsOutputRedirected)
                {
                    // Spectre assumes 80 columns without a terminal, which folds every cell of this table.
                    console.Profile.Width = 200;
                }

                ResultTable.Write(console, rows, settings, machine);
            }

            return 0;
        });
        return command;
    }

    private static double Positive(double value, string option) =>
        value > 0 ? value : throw new ArgumentException($"{option} must be positive.");
}
