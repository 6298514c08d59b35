using System.CommandLine;

namespace Jug.Cloud.Cli.Commands;

/// <summary>Options and arguments that several commands share.</summary>
internal static class CommonOptions
{
    public static readonly Option<string?> Jugdir = new("--jugdir")
    {
        Description = "Where results are stored: a path (default <jugfile>.jugdata beside the jugfile) or a store URI such as memory:",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Show stack traces and engine logs.",
        Recursive = true,
    };

    public static readonly Option<string?> Cluster = new("--cluster")
    {
        Description = "The cluster: redis://host:port of the Redis that holds its membership (add ?cluster=NAME to pick one of several). "
            + "With status, check, invalidate and cleanup: work on the cluster's latest run (or --run) instead of the jugfile.",
        Recursive = true,
    };

    public static readonly Option<string?> Run = new("--run")
    {
        Description = "With --cluster: the run to inspect (default: the latest).",
        Recursive = true,
    };

    /// <summary>The cluster address, required by commands that cannot work without one.</summary>
    public static string RequiredCluster(ParseResult parse, string command) =>
        parse.GetValue(Cluster) ?? throw new ArgumentException($"{command} needs --cluster redis://host:port.");

    public static Argument<string?> Jugfile() => new("jugfile")
    {
        Description = "The jugfile (.cs), a .csproj or a directory; default jugfile.cs in the current directory.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static Argument<string[]> JugfileArguments() => new("args")
    {
        Description = "Arguments passed to the jugfile's code.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Option<string?> Target(bool required) => new("--target")
    {
        Description = "Task name pattern: Type.Method, Method, or /regex/.",
        Required = required,
    };
}
