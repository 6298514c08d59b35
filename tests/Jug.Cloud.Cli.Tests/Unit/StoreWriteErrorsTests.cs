using Jug.Cloud.Storage;

namespace Jug.Cloud.Cli.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class StoreWriteErrorsTests
{
    [Fact]
    public void A_full_disk_is_one_line_that_says_so_also_when_wrapped()
    {
        var full = new IOException("No space left on device : '/mnt/small/results/ab/.x.tmp'", 28);

        var line = StoreWriteErrors.Describe(new InvalidOperationException("commit failed", new AggregateException(full)));

        Assert.NotNull(line);
        Assert.Contains("full", line);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void Permission_read_only_and_a_file_in_the_path_are_described()
    {
        Assert.Contains("permission denied", StoreWriteErrors.Describe(new UnauthorizedAccessException("Access to the path '/j/locks' is denied.")));
        Assert.Contains("read-only", StoreWriteErrors.Describe(new IOException("Read-only file system", 30)));
        Assert.Contains("is a file", StoreWriteErrors.Describe(new IOException("Not a directory", 20)));
        Assert.Contains("/j/locks", StoreWriteErrors.Describe(new DirectoryNotFoundException("Could not find a part of the path '/j/locks'.")));
    }

    [Fact]
    public void Other_errors_are_not_storage_errors()
    {
        Assert.Null(StoreWriteErrors.Describe(new IOException("Broken pipe", 32)));
        Assert.Null(StoreWriteErrors.Describe(new InvalidOperationException("bug")));
    }
}
