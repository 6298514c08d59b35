using System.Globalization;
using System.Text.RegularExpressions;
using Jug.Cloud.Storage;
using Jug.Cloud.Stores.File;
using Xunit.Abstractions;

namespace Jug.Cloud.Reliability.Tests;

/// <summary>
/// Seeded byte flips and truncations spread over every kind of stored object of a file jugdir (single
/// results, result packs, failure records, run log, bundles), up to five to one
/// copy of the jugdir, each to a different object: <c>verify</c> reports every one; on some, <c>execute</c> runs on the damaged copy (no
/// downstream task may read a wrong input) and <c>verify --repair</c> then <c>execute</c> restore every
/// result of a clean run.
/// </summary>
[Collection(CampaignCollection.Name)]
[Trait("Category", "Campaign")]
public sealed partial class CorruptionCampaignTests(CampaignFixture fixture, ITestOutputHelper output)
{
    private const int Parts = 200;

    private const int PerRound = 5;

    [Fact]
    public async Task Every_damage_is_reported_none_is_returned_and_repair_restores_everything()
    {
        var size = CampaignSize.Current;
        var seed = CampaignSize.Seed();
        output.WriteLine($"seed {seed}");
        var result = new CampaignResult("corruption", "file", seed);
        var random = new Random(seed);
        var reference = await fixture.ReferenceAsync(Parts);
        var clean = Path.Combine(fixture.Root, $"corruption-{Guid.NewGuid():n}");
        var first = await Execute(clean);
        Assert.True(first.ExitCode == 1, first.ToString()); // the broken task fails; everything else is stored
        await PutBundlesAsync(clean, random);
        var objects = JugdirDamage.Objects(clean);
        output.WriteLine(string.Join(", ", objects.Select(o => $"{o.Key}: {o.Value.Count}")));
        Assert.Contains("packs", objects.Keys);
        Assert.Contains("failures", objects.Keys);
        Assert.Contains("runs", objects.Keys);
        Assert.Contains("bundles", objects.Keys);

        // Damages go in rounds of up to five, each to a different object of one copy of the jugdir, so
        // that one verify checks five: each damaged object must count as one corrupt object.
        var kinds = objects.Keys.ToList();
        var rounds = Enumerable.Range(0, (size.Damages + PerRound - 1) / PerRound)
            .Select(r => (Index: r, Damages: Math.Min(PerRound, size.Damages - (r * PerRound)), Seed: random.Next()))
            .ToList();
        // Every tenth round also runs execute on the damage and then repairs it.
        const int restoreEvery = 10;
        var options = new ParallelOptions { MaxDegreeOfParallelism = 3 };
        await Parallel.ForEachAsync(rounds, options, async (round, _) =>
        {
            var copy = Path.Combine(fixture.Root, $"damaged-{Guid.NewGuid():n}");
            JugdirDamage.Copy(clean, copy);
            try
            {
                var roundRandom = new Random(round.Seed);
                var used = new HashSet<string>(StringComparer.Ordinal);
                var damages = new List<JugdirDamage>();
                for (var d = 0; d < round.Damages; d++)
                {
                    // The kinds in turn; one with no undamaged object left in this copy (there is one
                    // failure record) passes its turn to the next, so every round does all its damages.
                    var (kind, candidates) = Enumerable.Range(0, kinds.Count)
                        .Select(k => kinds[((round.Index * PerRound) + d + k) % kinds.Count])
                        .Select(k => (Kind: k, Candidates: objects[k].Where(o => !used.Contains(o)).ToList()))
                        .FirstOrDefault(c => c.Candidates.Count > 0);
                    if (kind is null)
                    {
                        break;
                    }

                    var damage = JugdirDamage.Apply(copy, kind, candidates, roundRandom);
                    used.Add(damage.RelativePath);
                    damages.Add(damage);
                }

                await TryAsync(copy, damages, round.Index % restoreEvery == 0, reference, result);
            }
            finally
            {
                Directory.Delete(copy, recursive: true);
            }
        });

        output.WriteLine(result.Write());
        Assert.True(result.Other.GetValueOrDefault("undetected") == 0, string.Join('\n', result.Notes));
        result.AssertBar();
    }

    /// <summary>
    /// Bundles are stored by <c>submit</c>, which needs a cluster: two go into the clean jugdir through
    /// the store's own bundle API, so damage reaches every kind of stored object.
    /// </summary>
    private static async Task PutBundlesAsync(string jugdir, Random random)
    {
        await using var store = new FileJugStore(new FileStoreOptions { Root = jugdir });
        for (var i = 0; i < 2; i++)
        {
            var content = new byte[4096];
            random.NextBytes(content);
            await store.PutBundleAsync(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), content);
        }
    }

    private async Task TryAsync(string copy, List<JugdirDamage> damages, bool restore, IReadOnlyDictionary<TaskHash, byte[]?> reference, CampaignResult result)
    {
        var verify = await CliRunner.RunAsync(fixture.Root, "verify", fixture.Jugfile, "--jugdir", copy);
        var reported = CorruptLine().Match(verify.Output) is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var damage = string.Join("; ", damages);
        lock (result)
        {
            result.Tried += damages.Count;
            foreach (var kind in damages.GroupBy(d => d.Kind))
            {
                result.Count($"damaged-{kind.Key}", kind.Count());
            }

            result.Count("detected", Math.Min(reported, damages.Count));
            if (verify.ExitCode != 1 || reported < damages.Count)
            {
                result.Count("undetected", damages.Count - Math.Min(reported, damages.Count));
                result.Note($"{damage}: verify exit {verify.ExitCode}, {reported} corrupt: {verify.Output.Trim()} {verify.Error.Trim()}");
            }
            else if (reported > damages.Count)
            {
                result.Count("reported-beyond-damaged", reported - damages.Count);
            }
        }

        if (!restore)
        {
            return;
        }

        // execute on the damaged jugdir: a corrupt result is recomputed, never handed to a downstream task.
        var damaged = await Execute(copy);
        var failed = Failed(damaged);
        var repair = await CliRunner.RunAsync(fixture.Root, "verify", fixture.Jugfile, "--jugdir", copy, "--repair");
        var again = await Execute(copy);
        var after = await CliRunner.RunAsync(fixture.Root, "verify", fixture.Jugfile, "--jugdir", copy);
        var partial = new CampaignResult("corruption", "file", 0);
        await StoredState.CompareAsync(copy, reference, partial);
        lock (result)
        {
            result.Count("restored-tried");
            if (failed != 1)
            {
                // Only the broken task may fail: another failure is a downstream task that read a wrong input.
                result.CorruptReturned++;
                result.Note($"{damage}: execute on the damage: {damaged}");
            }

            if (repair.ExitCode is not (0 or 1) || again.ExitCode != 1 || after.ExitCode != 0)
            {
                result.Count("repair-did-not-restore");
                result.Note($"{damage}: repair {repair.ExitCode}, execute {again.ExitCode}, verify {after.ExitCode}: {again.Error.Trim()} {after.Output.Trim()}");
            }

            result.Lost += partial.Lost;
            result.CorruptReturned += partial.CorruptReturned;
            foreach (var note in partial.Notes)
            {
                result.Note($"{damage}: {note}");
            }
        }
    }

    private Task<CliResult> Execute(string jugdir) =>
        CliRunner.RunAsync(fixture.Root, "execute", fixture.Jugfile, Parts.ToString(CultureInfo.InvariantCulture), "fail", "--jugdir", jugdir, "--keep-going", "--attempts", "1");

    /// <summary>The failed count of execute's summary line; -1 if there is none.</summary>
    private static int Failed(CliResult run) =>
        FailedCount().Match(run.Output + run.Error) is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1;

    [GeneratedRegex(@"(\d+) corrupt object")]
    private static partial Regex CorruptLine();

    [GeneratedRegex(@"already done, (\d+) failed\)")]
    private static partial Regex FailedCount();
}
