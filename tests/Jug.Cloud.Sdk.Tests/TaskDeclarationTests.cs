using Jug.Cloud.Graph;
using static Jug.Cloud.Jug;

namespace Jug.Cloud.Sdk.Tests;

[Trait("Category", "Unit")]
public sealed class TaskDeclarationTests
{
    private static (JugContext Context, JugContext.Scope Scope) NewContext()
    {
        var context = new JugContext();
        return (context, context.Enter());
    }

    [Fact]
    public void Declaring_records_a_named_task_and_runs_nothing()
    {
        var (context, scope) = NewContext();
        using (scope)
        {
            var square = Task(SampleTasks.Square, 3);
            Assert.Equal("Jug.Cloud.Sdk.Tests.SampleTasks.Square", square.Task.Name);
            Assert.Same(square.Task, Assert.Single(context.Graph.Tasks));
            Assert.Equal(typeof(long), square.Task.ResultType);
        }
    }

    [Fact]
    public void The_same_call_is_one_task_and_other_arguments_are_another()
    {
        var (context, scope) = NewContext();
        using (scope)
        {
            var a = Task(SampleTasks.Square, 3);
            var b = Task(SampleTasks.Square, 3);
            var c = Task(SampleTasks.Square, 4);
            Assert.Equal(a.Hash, b.Hash);
            Assert.NotEqual(a.Hash, c.Hash);
            Assert.Equal(2, context.Graph.Count);
        }
    }

    [Fact]
    public void Hashes_do_not_depend_on_the_context()
    {
        TaskHash first, second;
        using (new JugContext().Enter())
        {
            first = Task(SampleTasks.Divide, Task(SampleTasks.Square, 2), 7L).Hash;
        }

        using (new JugContext().Enter())
        {
            second = Task(SampleTasks.Divide, Task(SampleTasks.Square, 2), 7L).Hash;
        }

        Assert.Equal(first, second);
    }

    [Fact]
    public void The_issue_example_declares_a_fan_in_and_a_tasklet_division()
    {
        var (context, scope) = NewContext();
        using (scope)
        {
            var squares = Enumerable.Range(0, 100).Select(i => Task(SampleTasks.Square, i)).ToList();
            var stats = Task(SampleTasks.SumAndCount, squares);
            var mean = Task(SampleTasks.Divide, stats.At(0), stats.At(1));

            Assert.Equal(102, context.Graph.Count);
            Assert.Equal(100, stats.Task.Dependencies.Count);
            var list = Assert.IsType<ReferenceListArgument>(stats.Task.Arguments[0]);
            Assert.Equal(ListShape.Array, list.Shape);
            Assert.Equal(typeof(long), list.ElementType);
            Assert.Same(stats.Task, Assert.Single(mean.Task.Dependencies));
            var first = Assert.IsType<ReferenceArgument>(mean.Task.Arguments[0]).Reference;
            Assert.Equal([ResultPathStep.At(0)], first.Path);
        }
    }

    [Fact]
    public void Lists_of_handles_reach_array_list_and_enumerable_parameters()
    {
        using (new JugContext().Enter())
        {
            var items = Enumerable.Range(0, 3).Select(i => Task(SampleTasks.Square, i)).ToArray();
            Assert.Equal(ListShape.Array, ((ReferenceListArgument)Task(SampleTasks.SumArray, items).Task.Arguments[0]).Shape);
            Assert.Equal(ListShape.List, ((ReferenceListArgument)Task(SampleTasks.SumList, items).Task.Arguments[0]).Shape);
            Assert.Equal(ListShape.Array, ((ReferenceListArgument)Task(SampleTasks.SumEnumerable, items).Task.Arguments[0]).Shape);
        }
    }

    [Fact]
    public void Plain_lists_are_values()
    {
        using (new JugContext().Enter())
        {
            var handle = Task(SampleTasks.SumList, new List<long> { 1, 2 });
            Assert.IsType<ValueArgument>(handle.Task.Arguments[0]);
            Assert.Empty(handle.Task.Dependencies);
        }
    }

    [Fact]
    public void Async_methods_give_handles_of_the_awaited_type()
    {
        using (new JugContext().Enter())
        {
            TaskHandle<string> handle = Task(SampleTasks.Fetch, 1);
            Assert.Equal(typeof(string), handle.Task.ResultType);
        }
    }

    [Fact]
    public async Task The_invoker_calls_the_method_and_awaits_async_ones()
    {
        using (new JugContext().Enter())
        {
            Assert.Equal(9L, await Task(SampleTasks.Square, 3).Task.Invoker([3]));
            Assert.Equal("item 4", await Task(SampleTasks.Fetch, 4).Task.Invoker([4]));
            Assert.Equal(36, await Task(SampleTasks.Eight, 1, 2, 3, 4, 5, 6, 7, 8).Task.Invoker([1, 2, 3, 4, 5, 6, 7, 8]));
        }
    }

    [Fact]
    public void Tuple_items_and_record_members_are_typed_tasklets()
    {
        using (new JugContext().Enter())
        {
            var pair = Task(SampleTasks.Pair, 1);
            Tasklet<int> count = pair.Item1;
            Tasklet<string> name = pair.Item2;
            Assert.NotEqual(count.Hash, name.Hash);
            Assert.NotEqual(pair.Hash, count.Hash);
            Assert.Equal(pair.Task, count.Task);

            var summary = Task(SampleTasks.Summarise, "a");
            Tasklet<double> x = summary.Get(s => s.Centre.X);
            Assert.Equal([ResultPathStep.Field("Centre"), ResultPathStep.Field("X")], x.Reference.Path);
            Tasklet<long> second = summary.Get(s => s.Counts[1]);
            Assert.Equal([ResultPathStep.Field("Counts"), ResultPathStep.At(1)], second.Reference.Path);
            Assert.Equal(x.Hash, summary.Get(s => s.Centre.X).Hash);
        }
    }

    [Fact]
    public void Four_or_more_parameters_take_lists_through_gather()
    {
        using (new JugContext().Enter())
        {
            var items = Enumerable.Range(0, 3).Select(i => Task(SampleTasks.Square, i)).ToList();
            var four = Task(SampleTasks.Four, 1, Gather(items), 3, 4);
            Assert.Single(four.Task.Dependencies);
        }
    }

    [Fact]
    public void A_version_changes_the_hash()
    {
        using (new JugContext().Enter())
        {
            var versioned = Task(SampleTasks.Versioned, 1);
            Assert.Equal(2, versioned.Task.Options.Version);
            Assert.NotEqual(Task(SampleTasks.Unversioned, 1).Hash, versioned.Hash);
        }
    }

    [Fact]
    public void Lambdas_are_refused_with_a_message_naming_the_call()
    {
        using (new JugContext().Enter())
        {
            var error = Assert.Throws<JugDeclarationException>(() => Task((int i) => i + 1, 1));
            Assert.Contains("named static method", error.Message);
            Assert.Contains("lambda", error.Message);
        }
    }

    [Fact]
    public void Instance_methods_are_refused()
    {
        using (new JugContext().Enter())
        {
            var error = Assert.Throws<JugDeclarationException>(() => Task(new InstanceTasks(2).Times, 1));
            Assert.Contains("InstanceTasks.Times", error.Message);
        }
    }

    [Fact]
    public void Unhashable_arguments_are_refused_with_the_task_and_position()
    {
        using (new JugContext().Enter())
        {
            Func<int> f = () => 1;
            var error = Assert.Throws<JugDeclarationException>(() => Task(SampleTasks.TakesDelegate, f));
            Assert.Contains("SampleTasks.TakesDelegate", error.Message);
            Assert.Contains("argument 1", error.Message);
        }
    }

    [Fact]
    public void A_handle_passed_where_no_handle_overload_applies_is_refused()
    {
        using (new JugContext().Enter())
        {
            var square = Task(SampleTasks.Square, 3);
            var error = Assert.Throws<JugDeclarationException>(() => Task(SampleTasks.TakesObject, square));
            Assert.Contains("task handle", error.Message);
        }
    }

    [Fact]
    public void Dependencies_are_distinct_even_when_used_twice()
    {
        using (new JugContext().Enter())
        {
            var square = Task(SampleTasks.Square, 3);
            var ratio = Task(SampleTasks.Divide, square, square);
            Assert.Single(ratio.Task.Dependencies);
        }
    }
}
