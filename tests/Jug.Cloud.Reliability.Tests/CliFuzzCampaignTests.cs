using System.Globalization;
using System.Security.Cryptography;
using Xunit.Abstractions;

namespace Jug.Cloud.Reliability.Tests;

/// <summary>
/// Seeded random command lines: each exits 0, 1 or 2 with at most one line on stderr, no stack
/// trace or exception type name and no password from the URIs it was given, and none changes the
/// jugdir it reads.
/// </summary>
[Collection(CampaignCollection.Name)]
[Trait("Category", "Campaign")]
public sealed class CliFuzzCampaignTests(CampaignFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Random_invocations_exit_0_1_or_2_with_one_line_and_change_nothing()
    {
        var seed = CampaignSize.Seed();
        output.WriteLine($"seed {seed}");
        var result = new CampaignResult("cli-invocations", "file", seed);
        var random = new Random(seed);
        var jugdir = Path.Combine(fixture.Root, $"fuzz-{Guid.NewGuid():n}");
        var first = await CliRunner.RunAsync(fixture.Root, "execute", fixture.Jugfile, "100", "--jugdir", jugdir);
        Assert.True(first.ExitCode == 0, first.ToString());
        var cwd = Directory.CreateDirectory(Path.Combine(fixture.Root, "fuzz-cwd")).FullName;
        await File.WriteAllTextAsync(Path.Combine(cwd, "jugfile.txt"), "not a jugfile");
        var before = Hash(jugdir);

        var help = await CliRunner.RunAsync(cwd, "--help");
        var options = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var command in InvocationGenerator.Commands(help.Output))
        {
            options[command] = InvocationGenerator.ReadOnly.Contains(command)
                ? InvocationGenerator.Options((await CliRunner.RunAsync(cwd, command, "--help")).Output)
                : [];
        }

        Assert.Contains("status", options.Keys);
        var generator = new InvocationGenerator(options, fixture.Jugfile, jugdir, fixture.Services.Redis);
        // One in four runs under a random project configuration file of its own directory.
        var invocations = Enumerable.Range(0, CampaignSize.Current.Invocations)
            .Select(i => (Arguments: generator.Next(random), Config: random.Next(4) == 0 ? generator.ConfigFile(random) : null, Index: i))
            .ToList();
        await Parallel.ForEachAsync(invocations, new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (invocation, cancellation) =>
        {
            var (arguments, config, index) = invocation;
            var directory = cwd;
            if (config is not null)
            {
                directory = Directory.CreateDirectory(Path.Combine(fixture.Root, $"fuzz-config-{index}")).FullName;
                await File.WriteAllTextAsync(Path.Combine(directory, "jugfile.txt"), "not a jugfile", cancellation);
                await File.WriteAllTextAsync(Path.Combine(directory, ".jugcloud.json"), config, cancellation);
                Directory.CreateDirectory(Path.Combine(directory, ".git")); // the project file search stops here
            }

            var run = await CliRunner.RunAsync(directory, arguments);
            var line = string.Join(' ', arguments.Select(a => a.Contains(' ', StringComparison.Ordinal) || a.Length == 0 ? $"'{a}'" : a));
            var errorLines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            if (config is not null)
            {
                line = $"{line} (with .jugcloud.json: {config.ReplaceLineEndings(" ")[..Math.Min(200, config.Length)]})";
            }

            lock (result)
            {
                result.Tried++;
                if (config is not null)
                {
                    result.Count("with-config-file");
                }

                result.Count($"exit-{run.ExitCode}");
                if (run.ExitCode is not (0 or 1 or 2))
                {
                    result.Count("bad-exit-code");
                    result.Note($"{line}: {run}");
                }

                if (errorLines > 1)
                {
                    result.Count("more-than-one-error-line");
                    result.Note($"{line}: {run.Error.Trim()}");
                }

                if (run.Error.Contains(InvocationGenerator.Secret, StringComparison.Ordinal) || run.Output.Contains(InvocationGenerator.Secret, StringComparison.Ordinal))
                {
                    result.Count("secret-shown");
                    result.Note($"{line}: {run}");
                }

                if (run.Error.Contains("   at ", StringComparison.Ordinal) || run.Error.Contains("Exception:", StringComparison.Ordinal) || run.Output.Contains("   at ", StringComparison.Ordinal))
                {
                    result.Count("stack-trace");
                    result.Note($"{line}: {run.Error.Trim()}");
                }
            }
        });

        var after = Hash(jugdir);
        if (after != before)
        {
            result.Count("jugdir-changed");
        }

        output.WriteLine(result.Write());
        foreach (var note in result.Notes)
        {
            output.WriteLine(note);
        }

        Assert.Equal(before, after);
        foreach (var bad in new[] { "bad-exit-code", "more-than-one-error-line", "stack-trace", "secret-shown" })
        {
            Assert.True(result.Other.GetValueOrDefault(bad) == 0, $"{bad}: {string.Join('\n', result.Notes)}");
        }

        result.AssertBar();
    }

    /// <summary>A hash of every file's path and bytes under <paramref name="root"/>.</summary>
    private static string Hash(string root)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(root, file)));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexString(hash.GetHashAndReset()) + " " + Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Count().ToString(CultureInfo.InvariantCulture);
    }
}
