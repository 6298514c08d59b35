using System.Text.RegularExpressions;

namespace Jug.Cloud.Reliability.Tests;

/// <summary>
/// Random <c>jugcloud</c> command lines from what <c>--help</c> lists: a read-only command (or a word
/// that is none), some of its options with random values (numbers, garbage, store URIs, paths), and
/// random positional arguments. Commands that write (execute, invalidate, cleanup, …) or that run
/// until stopped (silo, webstatus, autoscale, sleep-until, shell) are asked for their help only.
/// <c>--verbose</c> is left out: showing stack traces is what it is for. <see cref="ConfigFile"/>
/// writes a random project configuration file (<c>.jugcloud.json</c>) to run some of them under.
/// </summary>
public sealed partial class InvocationGenerator(
    IReadOnlyDictionary<string, IReadOnlyList<string>> optionsByCommand,
    string jugfile,
    string jugdir,
    string redis)
{
    /// <summary>A password some generated store and cluster URIs carry: no output may show it.</summary>
    public const string Secret = "fuzz-Pw-7q3x";

    /// <summary>Commands that only read, so they may run on the campaign's jugdir.</summary>
    public static readonly IReadOnlySet<string> ReadOnly = new HashSet<string>(StringComparer.Ordinal) { "status", "check", "verify", "graph", "count", "config" };

    /// <summary>The commands <c>jugcloud --help</c> lists.</summary>
    public static IReadOnlyList<string> Commands(string help) =>
        [.. CommandLine().Matches(help.Split("Commands:")[^1]).Select(m => m.Groups[1].Value)];

    /// <summary>The options one command's <c>--help</c> lists (long names).</summary>
    public static IReadOnlyList<string> Options(string help) =>
        [.. OptionLine().Matches(help).Select(m => m.Groups[1].Value).Where(o => o is not ("--help" or "--verbose")).Distinct()];

    public string[] Next(Random random)
    {
        var commands = optionsByCommand.Keys.Order(StringComparer.Ordinal).ToList();
        var command = random.Next(12) == 0 ? Pick(random, ["stauts", "", "-x", "--", "EXECUTE", "status status"]) : Pick(random, commands);
        var arguments = new List<string>();
        if (command.Length > 0)
        {
            arguments.Add(command);
        }

        if (!ReadOnly.Contains(command))
        {
            arguments.Add(random.Next(4) == 0 ? "--version" : "--help");
            return [.. arguments];
        }

        if (random.Next(4) != 0)
        {
            arguments.Add(Pick(random, [jugfile, jugfile, jugfile, "missing.cs", "/", ".", "jugfile.txt", "a.csproj"]));
        }

        var options = optionsByCommand.GetValueOrDefault(command) ?? [];
        var jugdirSet = false;
        for (var n = random.Next(4); n > 0 && options.Count > 0; n--)
        {
            var option = random.Next(10) == 0 ? "--no-such-option" : Pick(random, options);
            arguments.Add(option);
            jugdirSet |= option == "--jugdir";
            if (random.Next(6) != 0)
            {
                arguments.Add(Value(random));
            }
        }

        if (!jugdirSet && random.Next(5) != 0)
        {
            arguments.Add("--jugdir");
            arguments.Add(jugdir);
        }

        if (random.Next(8) == 0)
        {
            arguments.Add(Value(random)); // a stray positional argument
        }

        return [.. arguments];
    }

    /// <summary>
    /// The text of a random <c>.jugcloud.json</c>: options of any command (and made-up ones) with values
    /// of every JSON type, sections under command names, or text that is not a JSON object at all.
    /// </summary>
    public string ConfigFile(Random random)
    {
        switch (random.Next(10))
        {
            case 0:
                return Pick(random, ["", "{", "[]", "null", "42", "\"jugdir\"", "{\"jobs\": }", "\u0000\u0001\u00ff", "\uFEFF{}", "{/* open", "{\"a\":1,,}"]);
            case 1:
                return string.Concat(Enumerable.Repeat("{\"x\":", 200)) + "1" + new string('}', 200);
        }

        var keys = optionsByCommand.Values.SelectMany(o => o).Select(o => o.TrimStart('-')).Distinct().Order(StringComparer.Ordinal).ToList();
        keys.AddRange(["no-such-key", "JOBS", "keep_going", "", "jugdir "]);
        var body = new List<string>();
        for (var n = random.Next(1, 6); n > 0; n--)
        {
            if (random.Next(4) == 0 && optionsByCommand.Count > 0)
            {
                var command = Pick(random, optionsByCommand.Keys.Order(StringComparer.Ordinal).ToList());
                body.Add($"{Json(command)}: {{ {Json(Pick(random, keys))}: {JsonValue(random)} }}");
            }
            else
            {
                body.Add($"{Json(Pick(random, keys))}: {JsonValue(random)}");
            }
        }

        return $"{{ // random\n  {string.Join(",\n  ", body)}{(random.Next(3) == 0 ? "," : "")}\n}}";
    }

    private string JsonValue(Random random) => random.Next(7) switch
    {
        0 => Pick(random, ["true", "false", "null", "0", "-1", "1e308", "3.5", "99999999999999999999"]),
        1 => "[" + Json(Value(random)) + ", 1]",
        2 => "{ \"jugdir\": " + Json(Value(random)) + " }",
        _ => Json(Value(random)),
    };

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private string Value(Random random) => Pick(random,
    [
        "", "0", "1", "-1", "2", "99999999999", "1.5", "abc", "true", "null", "%s%n", "😀", new string('x', 300),
        "memory:", "redis://127.0.0.1:1", redis, "redis://", "rediss://127.0.0.1:1?ca=/nope", "s3://", "s3:///key", "azure://",
        "ftp://example.invalid/x", "file:///nonexistent/dir", "/nonexistent/dir", "/dev/null", jugdir, jugdir + "/results",
        "Steps.Part", "/[unclosed/", "Steps.*", "--jugdir",
        .. SecretValues,
    ]);

    /// <summary>URIs with <see cref="Secret"/> in their user info or query, well-formed or not, one reaching the campaign's Redis.</summary>
    private IEnumerable<string> SecretValues =>
    [
        $"redis://jug:{Secret}@127.0.0.1:1", $"redis:jug:{Secret}@127.0.0.1", $"redis://jug:{Secret}@127.0.0.1:99999",
        $"rediss://jug:{Secret}@127.0.0.1:1,127.0.0.1:2?ca=/nope", $"redis://jug:{Secret}@127.0.0.1:1/x?cluster=a",
        $"s3://bucket/p?endpoint=http://127.0.0.1:1&secretKey={Secret}", $"azblob://container?sig={Secret}",
        redis.Contains('@', StringComparison.Ordinal) ? redis : redis.Replace("://", $"://jug:{Secret}@", StringComparison.Ordinal),
    ];

    private static string Pick(Random random, IReadOnlyList<string> values) => values[random.Next(values.Count)];

    [GeneratedRegex(@"(?m)^  ([a-z][a-z-]*)\s")]
    private static partial Regex CommandLine();

    [GeneratedRegex(@"(?m)^\s+(?:-\w, )?(--[a-z][a-z-]*)")]
    private static partial Regex OptionLine();
}
