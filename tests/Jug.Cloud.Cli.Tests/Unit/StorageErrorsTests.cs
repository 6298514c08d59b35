using Jug.Cloud.Cli.Commands;

namespace Jug.Cloud.Cli.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class StorageErrorsTests
{
    [Fact]
    public void A_full_disk_is_one_line_that_says_so_also_when_wrapped()
    {
        var full = new IOException("No space left on device : '/mnt/small/results/ab/.x.tmp'", 28);

        var line = StorageErrors.Describe(new InvalidOperationException("commit failed", new AggregateException(full)));

        Assert.NotNull(line);
        Assert.Contains("full", line);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void Permission_read_only_and_a_file_in_the_path_are_described()
    {
        Assert.Contains("permission denied", StorageErrors.Describe(new UnauthorizedAccessException("Access to the path '/j/locks' is denied.")));
        Assert.Contains("read-only", StorageErrors.Describe(new IOException("Read-only file system", 30)));
        Assert.Contains("is a file", StorageErrors.Describe(new IOException("Not a directory", 20)));
        Assert.Contains("/j/locks", StorageErrors.Describe(new DirectoryNotFoundException("Could not find a part of the path '/j/locks'.")));
    }

    [Fact]
    public void Other_errors_are_not_storage_errors()
    {
        Assert.Null(StorageErrors.Describe(new IOException("Broken pipe", 32)));
        Assert.Null(StorageErrors.Describe(new InvalidOperationException("bug")));
    }
}
