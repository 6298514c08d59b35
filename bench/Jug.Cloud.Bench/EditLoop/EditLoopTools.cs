namespace Jug.Cloud.Bench.EditLoop;

/// <summary>
/// The command lines the edit–run scenarios time: <c>jugcloud</c> (an installed tool's command, or a
/// <c>jugcloud.dll</c> run with <c>dotnet exec</c>) and, where it is installed, Python's <c>jug</c>.
/// </summary>
internal sealed record EditLoopTools(string JugcloudFile, IReadOnlyList<string> JugcloudPrefix, string? Jug)
{
    /// <summary>
    /// <paramref name="jugcloud"/> if given (a command or a <c>.dll</c>), else the <c>jugcloud.dll</c>
    /// built beside this benchmark; <paramref name="jug"/> if given, else <c>jug</c> on the PATH, if any.
    /// </summary>
    public static EditLoopTools Locate(string? jugcloud, string? jug)
    {
        var cli = jugcloud ?? Path.Combine(AppContext.BaseDirectory, "jugcloud.dll");
        var tools = cli.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new EditLoopTools("dotnet", ["exec", Path.GetFullPath(cli)], null)
            : new EditLoopTools(cli, [], null);
        return tools with { Jug = jug ?? OnPath("jug") };
    }

    /// <summary>Where the <c>jugcloud</c> being measured comes from, for the notes.</summary>
    public string Describe() => JugcloudPrefix.Count > 0 ? $"dotnet exec {Path.GetFileName(JugcloudPrefix[^1])}" : JugcloudFile;

    public Task<ChildRun> JugcloudAsync(string directory, CancellationToken cancellationToken, params string[] arguments) =>
        ChildProcess.RunAsync(directory, JugcloudFile, [.. JugcloudPrefix, .. arguments], cancellationToken);

    public Task<ChildRun> JugAsync(string directory, CancellationToken cancellationToken, params string[] arguments) =>
        ChildProcess.RunAsync(directory, Jug ?? throw new InvalidOperationException("Jug is not installed."), arguments, cancellationToken);

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
