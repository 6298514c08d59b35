namespace Jug.Cloud.Cli.Tests.EndToEnd;

/// <summary>Jugfiles for the Jug-parity end-to-end tests.</summary>
public static class ParityJugfiles
{
    /// <summary>A task that always fails (two attempts), appending a line per attempt to the file named by the first argument.</summary>
    public const string AlwaysFailing = """
        Task(Steps.Fail, args[0]);
        Task(Steps.Fine, 1);

        public static class Steps
        {
            [Jug.Cloud.JugTask(Attempts = 2)]
            public static int Fail(string log)
            {
                File.AppendAllText(log, "attempt\n");
                throw new InvalidOperationException("always fails");
            }

            public static int Fine(int x) => x;
        }
        """;

    /// <summary>Forty CPU-bound tasks of about 150 ms each and a sum.</summary>
    public const string CpuBound = """
        var parts = Enumerable.Range(0, 40).Select(i => Task(Steps.Spin, i)).ToList();
        Task(Steps.Sum, parts);

        public static class Steps
        {
            public static long Spin(int i)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                long x = i;
                while (clock.ElapsedMilliseconds < 150)
                {
                    x = (x * 6364136223846793005L) + 1442695040888963407L;
                }

                return i;
            }

            public static long Sum(IReadOnlyList<long> xs) => xs.Sum();
        }
        """;

    /// <summary>Twelve slow tasks that leave a marker (task, process id) in the directory named by the first argument when they start.</summary>
    public const string Marked = """
        var parts = Enumerable.Range(0, 12).Select(i => Task(Steps.Slow, args[0], i)).ToList();
        Task(Steps.Count, parts);

        public static class Steps
        {
            public static int Slow(string markers, int i)
            {
                File.WriteAllText(Path.Combine(markers, $"{i}-{Environment.ProcessId}"), "");
                Thread.Sleep(1500);
                return i;
            }

            public static int Count(IReadOnlyList<int> xs) => xs.Count;
        }
        """;

    /// <summary>A code-hashed task whose body the test edits (BODY is replaced), and a dependent.</summary>
    public const string CodeHashed = """
        var scaled = Task(Steps.Scale, 21);
        Task(Steps.Describe, scaled);

        public static class Steps
        {
            [Jug.Cloud.JugTask(HashCode = true)]
            public static int Scale(int x) => BODY;

            public static string Describe(int x) => $"value {x}";
        }
        """;
}
