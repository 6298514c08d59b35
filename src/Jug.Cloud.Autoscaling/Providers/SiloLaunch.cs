namespace Jug.Cloud.Autoscaling.Providers;

/// <summary>How the local provider starts a <c>jugcloud silo</c> process.</summary>
public sealed record SiloLaunch
{
    /// <summary>The program: the <c>jugcloud</c> executable, or <c>dotnet</c> with <see cref="Prefix"/> naming <c>jugcloud.dll</c>.</summary>
    public required string FileName { get; init; }

    /// <summary>Arguments before <c>silo</c> (e.g. <c>exec /path/jugcloud.dll</c>).</summary>
    public IReadOnlyList<string> Prefix { get; init; } = [];

    /// <summary>The cluster URI, passed as <c>--cluster</c> (it may carry a password: never logged).</summary>
    public required string Cluster { get; init; }

    /// <summary>The jugdir URI, passed as <c>--jugdir</c>.</summary>
    public required string Jugdir { get; init; }

    /// <summary>Slots of each silo, passed as <c>--slots</c>.</summary>
    public required int Slots { get; init; }

    /// <summary>Further <c>silo</c> options, passed as given (e.g. <c>--tags</c>, <c>--drain-timeout</c>).</summary>
    public IReadOnlyList<string> Extra { get; init; } = [];

    /// <summary>Silo names are this, a dash and a number.</summary>
    public string NamePrefix { get; init; } = $"autoscale-{Environment.ProcessId}";

    /// <summary>How long a drained silo may take to leave before it is killed when the autoscaler exits.</summary>
    public TimeSpan ExitTimeout { get; init; } = TimeSpan.FromMinutes(2);
}
