using System.Globalization;

namespace Jug.Cloud.Reliability.Tests;

/// <summary>
/// How big the campaign is: <c>JUGCLOUD_CAMPAIGN=ci</c> (the default: small counts, minutes on two
/// cores) or <c>full</c> (the counts docs/reliability.md reports). <c>JUGCLOUD_CAMPAIGN_SEED</c> fixes
/// the seed; otherwise the ci size uses a fixed one and the full size draws one and prints it, so a failing run can be replayed.
/// </summary>
public sealed record CampaignSize(
    string Name,
    int KillTasks,
    int KillPoints,
    int Damages,
    int Invocations,
    int RestartTasks,
    int Restarts,
    int SiloKillTasks,
    int SiloKillPoints,
    int ObjectStoreRestartTasks,
    int ObjectStoreRestarts,
    int LoadSeconds,
    int LoadSubmitters,
    int LoadStatusLoops)
{
    /// <summary>The small campaign CI runs.</summary>
    public static CampaignSize Ci { get; } = new("ci", KillTasks: 500, KillPoints: 3, Damages: 50, Invocations: 100, RestartTasks: 1000, Restarts: 1,
        SiloKillTasks: 500, SiloKillPoints: 2, ObjectStoreRestartTasks: 500, ObjectStoreRestarts: 1,
        LoadSeconds: 25, LoadSubmitters: 3, LoadStatusLoops: 3);

    /// <summary>The campaign the figures in docs/reliability.md come from.</summary>
    public static CampaignSize Full { get; } = new("full", KillTasks: 5000, KillPoints: 20, Damages: 1000, Invocations: 1000, RestartTasks: 2000, Restarts: 5,
        SiloKillTasks: 1000, SiloKillPoints: 10, ObjectStoreRestartTasks: 2000, ObjectStoreRestarts: 3,
        LoadSeconds: 300, LoadSubmitters: 10, LoadStatusLoops: 10);

    /// <summary>The size <c>JUGCLOUD_CAMPAIGN</c> names.</summary>
    public static CampaignSize Current { get; } = Environment.GetEnvironmentVariable("JUGCLOUD_CAMPAIGN") switch
    {
        null or "" or "ci" => Ci,
        "full" => Full,
        var other => throw new InvalidOperationException($"JUGCLOUD_CAMPAIGN={other}: expected ci or full"),
    };

    /// <summary>
    /// The seed of one fault kind: JUGCLOUD_CAMPAIGN_SEED if set; else a fixed one for the ci size (a
    /// regression check must not change between runs) and a fresh one for the full campaign.
    /// </summary>
    public static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable("JUGCLOUD_CAMPAIGN_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : Current == Ci ? 20261205 : Random.Shared.Next();
}
