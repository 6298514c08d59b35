namespace Jug.Cloud.Cli.Tests.EndToEnd;

/// <summary>Jugfiles the end-to-end tests write to temporary directories.</summary>
public static class Jugfiles
{
    /// <summary>A plain jugfile's first line: compiled in process against the SDK the CLI carries.</summary>
    public const string Header = "using static Jug.Cloud.Jug;\n";

    /// <summary>A jugfile that names the SDK project: built by dotnet build.</summary>
    public static string ProjectHeader => $"#:project {CliRunner.SdkProject}\n" + Header;

    /// <summary>
    /// Ten leaves (or as many as the first jugfile argument says), a combine step over them, and a
    /// final step on the combined value.
    /// </summary>
    public const string Pipeline = """
        var count = args.Length > 0 ? int.Parse(args[0]) : 10;
        var leaves = Enumerable.Range(0, count).Select(i => Task(Steps.Leaf, i)).ToList();
        var combined = Task(Steps.Combine, leaves);
        var final = Task(Steps.Final, combined);

        public static class Steps
        {
            public static int Leaf(int i) => i * i;
            public static int Combine(IReadOnlyList<int> xs) => xs.Sum();
            public static string Final(int total) => $"total {total}";
        }
        """;

    /// <summary>A task that throws, with a dependent that must not run.</summary>
    public const string Failing = """
        var bad = Task(Steps.Explode, 3);
        Task(Steps.After, bad);
        Task(Steps.Fine, 1);

        public static class Steps
        {
            public static int Explode(int x) => throw new InvalidOperationException($"exploded on {x}");
            public static int After(int x) => x + 1;
            public static int Fine(int x) => x;
        }
        """;

    /// <summary>2,000 short tasks, and a check that fails loudly if any stored value is wrong.</summary>
    public const string Many = """
        var parts = Enumerable.Range(0, 2000).Select(i => Task(Steps.Part, i)).ToList();
        Task(Steps.Verify, parts);

        public static class Steps
        {
            public static long Part(int i)
            {
                Thread.Sleep(4);
                return (long)i * 3;
            }

            public static long Verify(IReadOnlyList<long> parts)
            {
                for (var i = 0; i < parts.Count; i++)
                {
                    if (parts[i] != (long)i * 3)
                    {
                        throw new InvalidOperationException($"part {i} is {parts[i]}");
                    }
                }

                return parts.Count;
            }
        }
        """;

    public const string BrokenBuild = """
        var x = Task(Steps.Missing, 1);

        public static class Steps
        {
        }
        """;

    public static string Write(string directory, string body, string name = "jugfile.cs")
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, Header + body);
        return path;
    }
}
