namespace Jug.Cloud.Bench.EditLoop;

/// <summary>
/// The same 100-task graph as a jugfile for <c>jugcloud</c> and for Jug (99 squares and their sum),
/// with two marker lines an edit replaces: a comment (a change that declares nothing new) and a spare
/// line where one new task goes.
/// </summary>
internal static class EditLoopJugfiles
{
    private const string CommentMarker = "// edit";
    private const string NewTaskMarker = "// new task";

    public const string CSharp = """
        using static Jug.Cloud.Jug;

        // edit
        var squares = Enumerable.Range(1, 99).Select(i => Task(Bench.Square, i)).ToList();
        var total = Task(Bench.Sum, squares);
        // new task

        public static class Bench
        {
            public static long Square(int i) => (long)i * i;
            public static long Sum(IReadOnlyList<long> xs) => xs.Sum();
        }
        """;

    public const string Python = """
        from jug import TaskGenerator

        @TaskGenerator
        def square(i):
            return i * i

        @TaskGenerator
        def total(xs):
            return sum(xs)

        # edit
        squares = [square(i) for i in range(1, 100)]
        result = total(squares)
        # new task
        """;

    /// <summary>Writes both jugfiles into <paramref name="directory"/>.</summary>
    public static void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "jugfile.cs"), CSharp);
        File.WriteAllText(Path.Combine(directory, "jugfile.py"), Python);
    }

    /// <summary>Changes a comment in both: the code must be compiled (or parsed) again, the graph is the same.</summary>
    public static void EditComment(string directory, int edit)
    {
        Replace(Path.Combine(directory, "jugfile.cs"), CommentMarker, $"{CommentMarker} {edit}");
        Replace(Path.Combine(directory, "jugfile.py"), "# edit", $"# edit {edit}");
    }

    /// <summary>Adds one task no earlier edit declared to both.</summary>
    public static void AddTask(string directory, int edit)
    {
        Replace(Path.Combine(directory, "jugfile.cs"), NewTaskMarker, $"var extra = Task(Bench.Square, {1000 + edit});");
        Replace(Path.Combine(directory, "jugfile.py"), "# new task", $"extra = square({1000 + edit})");
    }

    private static void Replace(string path, string marker, string replacement)
    {
        var text = File.ReadAllText(path);
        if (!text.Contains(marker, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{path} has no line '{marker}' to edit.");
        }

        File.WriteAllText(path, text.Replace(marker, replacement, StringComparison.Ordinal));
    }
}
