using Jug.Cloud.Client;

namespace Jug.Cloud.Cli.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class TaskCountsTests
{
    [Fact]
    public void Counts_tasks_per_name_sorted_by_name()
    {
        var counts = TaskCounts.Of(new SmallGraph().Graph);

        const string prefix = "Jug.Cloud.Cli.Tests.Unit.Steps.";
        Assert.Equal(
            [new TaskCount(prefix + "Combine", 1), new TaskCount(prefix + "Final", 1), new TaskCount(prefix + "Leaf", 3), new TaskCount(prefix + "Other", 1)],
            counts);
    }
}
