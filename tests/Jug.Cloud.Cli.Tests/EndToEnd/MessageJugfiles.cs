namespace Jug.Cloud.Cli.Tests.EndToEnd;

/// <summary>A jugfile whose first argument picks what it declares, for the tests of jugfile arguments and of execute's messages.</summary>
public static class MessageJugfiles
{
    /// <summary>
    /// No argument: no task. <c>values</c>: a BValue, then a barrier, then a task on a value.
    /// <c>failing-barrier</c> / <c>failing-value</c>: a barrier / a BValue whose task fails. Anything
    /// else: one task whose argument is the first jugfile argument, verbatim.
    /// </summary>
    public const string Modes = """
        switch (args)
        {
            case []:
                break;
            case ["values"]:
                var one = Task(Steps.Double, 1);
                var two = Task(Steps.Double, BValue(one));
                Task(Steps.Double, 5);
                Barrier();
                Task(Steps.Double, Value(two));
                break;
            case ["failing-barrier"]:
                Task(Steps.Explode, 1);
                Barrier();
                Task(Steps.Double, 9);
                break;
            case ["failing-value"]:
                Task(Steps.Double, BValue(Task(Steps.Explode, 2)));
                break;
            default:
                Task(Steps.Echo, args[0]);
                break;
        }

        public static class Steps
        {
            public static int Double(int x) => 2 * x;

            [Jug.Cloud.JugTask(Attempts = 1)]
            public static int Explode(int x) => throw new InvalidOperationException($"exploded on {x}");

            public static string Echo(string word) => word;
        }
        """;
}
