using static Jug.Cloud.Jug;
using static Jug.Cloud.MapReduce.MapReduceTasks;

namespace Jug.Cloud.Sdk.Tests;

/// <summary>Declaring with the parts of the programming model beyond <c>Task</c>: nothing here runs a task.</summary>
[Trait("Category", "Unit")]
public sealed class ProgrammingModelDeclarationTests
{
    private static JugContext Declare(Action declare, IJugRunner? runner = null)
    {
        var context = new JugContext { Runner = runner };
        using (context.Enter())
        {
            declare();
        }

        return context;
    }

    [Fact]
    public void Attempts_and_timeout_from_the_attribute_reach_the_task_but_not_its_identity()
    {
        TaskHandle<int> limited = null!, plain = null!;
        Declare(() =>
        {
            limited = Task(SampleTasks.Limited, 1);
            plain = Task(SampleTasks.Unversioned, 1);
        });

        Assert.Equal((5, TimeSpan.FromSeconds(2.5)), (limited.Task.Options.Attempts, limited.Task.Options.Timeout));
        Assert.Null(plain.Task.Options.Attempts);
        Assert.Null(plain.Task.Options.Timeout);
    }

    [Fact]
    public async Task Tasks_of_one_method_share_its_definition_and_still_run_with_their_own_arguments()
    {
        TaskHandle<long> two = null!, three = null!, sum = null!;
        Declare(() =>
        {
            two = Task(SampleTasks.Square, 2);
            three = Task(SampleTasks.Square, 3);
            sum = Task(SampleTasks.Add, 1L, 2L);
        });

        Assert.Same(two.Task.Definition, three.Task.Definition);
        Assert.NotSame(two.Task.Definition, sum.Task.Definition);
        Assert.Equal("Jug.Cloud.Sdk.Tests.SampleTasks.Square", three.Task.Name);
        Assert.Equal(9L, await two.Task.Invoker([3]));
        Assert.Equal(4L, await three.Task.Invoker([2]));
    }

    [Fact]
    public void A_negative_attempt_count_is_refused_with_the_task_named()
    {
        var error = Assert.Throws<JugDeclarationException>(() => Declare(() => Task(SampleTasks.BadAttempts, 1)));
        Assert.Contains("SampleTasks.BadAttempts", error.Message);
    }

    [Fact]
    public void Map_declares_one_task_per_chunk_and_one_view_per_input()
    {
        IReadOnlyList<Tasklet<long>> views = null!;
        var context = Declare(() => views = Map(SampleTasks.Square, Enumerable.Range(0, 10), chunk: 4));

        Assert.Equal(3, context.Graph.Count);
        Assert.Equal(10, views.Count);
        Assert.All(context.Graph.Tasks, t => Assert.Equal("jug.map", t.Name));
        Assert.Equal(views[4].Task, views[7].Task);
        Assert.NotEqual(views[3].Task, views[4].Task);
    }

    [Fact]
    public void Reduce_builds_a_tree_of_chunked_tasks()
    {
        Handle<long> total = null!;
        var context = Declare(() =>
        {
            var leaves = Enumerable.Range(0, 20).Select(i => Task(SampleTasks.Square, i)).ToList();
            total = Reduce(SampleTasks.Add, leaves, chunk: 3);
        });

        // 20 leaves -> 7 -> 3 -> 1 reduce tasks.
        Assert.Equal(20 + 7 + 3 + 1, context.Graph.Count);
        Assert.Equal("jug.reduce", total.Task.Name);
    }

    [Fact]
    public void Bad_map_reduce_arguments_are_declaration_errors()
    {
        Assert.Throws<JugDeclarationException>(() => Declare(() => Map(SampleTasks.Square, [1, 2], chunk: 0)));
        Assert.Throws<JugDeclarationException>(() => Declare(() => Reduce(SampleTasks.Add, Array.Empty<Handle<long>>())));
        Assert.Throws<JugDeclarationException>(() => Declare(() => Reduce(SampleTasks.Add, [Task(SampleTasks.Square, 1)], chunk: 1)));
    }

    [Fact]
    public void Without_a_runner_a_barrier_stops_the_jugfile_and_values_cannot_be_read()
    {
        TaskHandle<long> square = null!;
        Assert.Throws<BarrierReachedException>(() => Declare(() =>
        {
            square = Task(SampleTasks.Square, 2);
            Barrier();
        }));

        var error = Assert.Throws<InvalidOperationException>(() => Declare(() => Value(Task(SampleTasks.Square, 2))));
        Assert.Contains("no store is open", error.Message);
    }

    [Fact]
    public void An_identity_key_must_be_hashable()
    {
        var error = Assert.Throws<JugDeclarationException>(() => Declare(() => Identity(1, new Func<int>(() => 1))));
        Assert.Contains("key cannot be hashed", error.Message);
    }

    [Fact]
    public void Describe_lists_every_item_of_a_list_argument()
    {
        TaskHandle<long[]> stats = null!;
        Declare(() => stats = Task(SampleTasks.SumAndCount, [Task(SampleTasks.Square, 1), Task(SampleTasks.Square, 2)]));

        var description = Describe(stats.At(1));

        Assert.Equal("[1]", description.Path);
        Assert.Equal(2, description.Arguments[0].Sources.Count);
        Assert.Contains("= 2", description.ToString());
    }

    [Fact]
    public void A_command_task_is_identified_by_program_arguments_and_outputs()
    {
        var context = Declare(() =>
        {
            Command("sort", ["-o", "b.txt", "a.txt"], ["b.txt"]);
            Command("sort", ["-o", "b.txt", "a.txt"], ["b.txt"]);
            Command("sort", ["-r", "-o", "b.txt", "a.txt"], ["b.txt"]);
        });

        Assert.Equal(2, context.Graph.Count);
        Assert.All(context.Graph.Tasks, t => Assert.Equal("jug.command", t.Name));
    }
}
