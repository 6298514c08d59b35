using System.Collections;
using System.Runtime.Loader;
using Jug.Cloud.Graph;
using Jug.Cloud.MapReduce;
using Jug.Cloud.Packaging;
using static Jug.Cloud.Jug;

namespace Jug.Cloud.Cli.Tests.Unit;

/// <summary>Task functions of the packaged graphs.</summary>
public static class PackagedSteps
{
    public static (int, string) Pair(int i) => (i, $"#{i}");

    public static int[] Range(int n) => Enumerable.Range(0, n).ToArray();

    public static int SumList(IReadOnlyList<int> xs) => xs.Sum();

    public static int SumMutable(List<int> xs) => xs.Sum();

    public static int SumArray(int[] xs) => xs.Sum();

    public static string Describe(int number, string label, double scale, long[] extra) => $"{number}:{label}:{scale}:{extra.Sum()}";

    public static async Task<int> Later(int x)
    {
        await System.Threading.Tasks.Task.Yield();
        return x + 1;
    }

    public static async ValueTask<string> LaterValue(string s)
    {
        await System.Threading.Tasks.Task.Yield();
        return s + "!";
    }

    [JugTask(Version = 3, Attempts = 5, TimeoutSeconds = 2.5, RequireTag = "gpu")]
    public static int Configured(int x) => x * 10;

    public static int Square(int x) => x * x;

    public static int Add(int a, int b) => a + b;

    public static Handle<int> Builder(int n) => Task(SumList, Enumerable.Range(0, n).Select(i => Task(Square, i)).ToList());
}

[Trait("Category", "Unit")]
public sealed class GraphPackageTests
{
    private static TaskGraph Build()
    {
        var context = new JugContext();
        using (context.Enter())
        {
            var pair = Task(PackagedSteps.Pair, 4);
            var range = Task(PackagedSteps.Range, 5);
            var items = Enumerable.Range(0, 3).Select(i => Task(PackagedSteps.Square, i)).ToList();
            Task(PackagedSteps.SumList, items);
            Task(PackagedSteps.SumMutable, items);
            Task(PackagedSteps.SumArray, items);
            Task(PackagedSteps.Add, pair.Item1, range.At(2));
            Task(PackagedSteps.Describe, 7, "seven", 0.5, new long[] { 1, 2, 3 });
            Task(PackagedSteps.Later, Task(PackagedSteps.Square, 9));
            Task(PackagedSteps.LaterValue, pair.Item2);
            Task(PackagedSteps.Configured, 2);
            Task(PackagedSteps.SumList, Gather(items));
            Task(PackagedSteps.Add, Identity(40, "forty"), 2);
            Task(PackagedSteps.Square, CompoundTask(PackagedSteps.Builder, 4));
            var mapped = MapReduceTasks.Map(PackagedSteps.Square, Enumerable.Range(0, 6), chunk: 4);
            MapReduceTasks.Reduce(PackagedSteps.Add, mapped);
        }

        return context.Graph;
    }

    [Fact]
    public void Decoded_tasks_keep_their_identity_options_and_edges_and_compute_the_same_values()
    {
        var graph = Build();
        var decoded = GraphPackage.Decode(GraphPackage.Encode(graph.Tasks), AssemblyLoadContext.Default);

        Assert.Equal(graph.Tasks.Select(t => t.Hash), decoded.Tasks.Select(t => t.Hash));
        Assert.Equal(graph.Tasks.Select(t => t.Name), decoded.Tasks.Select(t => t.Name));
        Assert.Equal(graph.Tasks.Select(t => t.Options), decoded.Tasks.Select(t => t.Options));
        Assert.Equal(graph.Tasks.Select(t => t.ResultType), decoded.Tasks.Select(t => t.ResultType));
        Assert.Equal(
            graph.Tasks.Select(t => string.Join(",", t.Dependencies.Select(d => d.Hash))),
            decoded.Tasks.Select(t => string.Join(",", t.Dependencies.Select(d => d.Hash))));
        Assert.Equal(new TaskPlacement("gpu", Required: true), decoded.Tasks.Single(t => t.Name.EndsWith(".Configured", StringComparison.Ordinal)).Options.Placement);

        var expected = Evaluate(graph);
        var actual = Evaluate(decoded);
        foreach (var task in graph.Tasks)
        {
            Assert.Equal(Show(expected[task.Hash]), Show(actual[task.Hash]));
        }
    }

    [Fact]
    public void The_outline_names_every_task_and_edge_without_loading_code()
    {
        var graph = Build();
        var outline = GraphPackage.ReadOutline(GraphPackage.Encode(graph.Tasks));

        Assert.Equal(graph.Tasks.Select(t => (t.Hash, t.Name)), outline.Tasks.Select(t => (t.Hash, t.Name)));
        Assert.Equal(
            graph.Tasks.Select(t => t.Dependencies.Select(d => d.Hash).ToArray()),
            outline.Tasks.Select(t => t.Dependencies.ToArray()));
        Assert.Equal("gpu", outline.Tasks.Single(t => t.Name.EndsWith(".Configured", StringComparison.Ordinal)).Placement?.Tag);
    }

    [Fact]
    public void A_truncated_or_foreign_package_is_refused_with_a_clear_error()
    {
        var package = GraphPackage.Encode(Build().Tasks);

        Assert.Contains("truncated", Assert.Throws<GraphPackageException>(() => GraphPackage.ReadOutline(package.AsMemory(0, 40))).Message, StringComparison.Ordinal);
        Assert.Throws<GraphPackageException>(() => GraphPackage.Decode(package.AsMemory(0, package.Length / 2), AssemblyLoadContext.Default));
        Assert.Contains("not a graph package", Assert.Throws<GraphPackageException>(() => GraphPackage.ReadOutline(new byte[64])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encoding_is_deterministic()
    {
        Assert.Equal(GraphPackage.Encode(Build().Tasks), GraphPackage.Encode(Build().Tasks));
    }

    /// <summary>Runs every task in declaration order, as a worker would, with values kept in memory.</summary>
    private static Dictionary<TaskHash, object?> Evaluate(TaskGraph graph)
    {
        var values = new Dictionary<TaskHash, object?>();
        foreach (var task in graph.Tasks)
        {
            var arguments = task.Arguments.Select(a => a switch
            {
                ValueArgument v => v.Value,
                ReferenceArgument r => Read(r.Reference),
                ReferenceListArgument l => List(l),
                _ => throw new InvalidOperationException(),
            }).ToArray();
            values[task.Hash] = task.Invoker(arguments).AsTask().GetAwaiter().GetResult();
        }

        return values;

        object? Read(TaskReference reference) => ResultPath.Apply(values[reference.Task.Hash], reference.Path);

        object List(ReferenceListArgument list)
        {
            var array = Array.CreateInstance(list.ElementType, list.Items.Count);
            for (var i = 0; i < array.Length; i++)
            {
                array.SetValue(Read(list.Items[i]), i);
            }

            if (list.Shape == ListShape.List)
            {
                var result = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(list.ElementType))!;
                foreach (var item in array)
                {
                    result.Add(item);
                }

                return result;
            }

            return array;
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => s,
        IEnumerable items => "[" + string.Join(",", items.Cast<object?>().Select(Show)) + "]",
        _ => value.ToString() ?? "",
    };
}
